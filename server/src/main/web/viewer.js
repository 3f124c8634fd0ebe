/*
 * The ticket holder's page: one page for the whole show. It follows the ticket over server-sent events (the body's
 * data-events) and shows what fits: the waiting room with a countdown on the server's clock, the player once the
 * stream is live (it starts by itself, no reload), "watching on another device" when the ticket started playing
 * elsewhere, and the end with the replay while the ticket allows it.
 *
 * Playing starts a viewing session (POST data-sessions), which answers with a playback token; the token travels in
 * the path of every playlist and segment address, and the server sends a new one before it expires, which the player
 * puts into every request from then on. The page's state is window.stagedoorViewer, for tests and the curious.
 */
(function () {
  'use strict';

  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };
  var STATUS = {
    loading: 'Loading…',
    waiting: 'Waiting for the stream…',
    playing: 'Live',
    buffering: 'Buffering…',
    interrupted: 'Stream interrupted — reconnecting…',
    paused: 'Paused',
    ended: 'The stream has ended.',
    unsupported: 'This browser cannot play the stream. Try a current Firefox, Chrome, Edge or Safari.'
  };
  var TOKEN_IN_PATH = /(\/live\/[0-9a-f-]{36}\/)[^/]+\//;

  var viewer = {
    state: JSON.parse(body.dataset.state),
    view: body.querySelector('#notice:not([hidden])') ? 'notice' : 'waiting',
    session: null,
    player: null,
    clockOffset: 0,
    replaced: false,
    startedReplay: false
  };
  window.stagedoorViewer = viewer;
  viewer.clockOffset = viewer.state.serverTime - Date.now();

  var token = null;
  var base = null;
  var playlist = null;
  var events = null;
  var starting = false;

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function serverNow() {
    return Date.now() + viewer.clockOffset;
  }

  // --- following the ticket -----------------------------------------------------------------------------------

  function follow() {
    if (events) events.close();
    var url = body.dataset.events + (viewer.session ? '?session=' + encodeURIComponent(viewer.session) : '');
    events = new EventSource(url);
    events.addEventListener('state', function (e) {
      update(JSON.parse(e.data));
    });
    // EventSource reconnects by itself after a dropped connection; nothing to do on error.
  }

  function update(state) {
    viewer.state = state;
    viewer.clockOffset = state.serverTime - Date.now();
    if (state.token) token = state.token;
    render();
  }

  function render() {
    var s = viewer.state;
    if (viewer.session && s.session === 'REPLACED') {
      stopPlaying();
      viewer.replaced = true;
      setView('elsewhere');
      return;
    }
    switch (s.phase) {
      case 'NOT_YET_OPEN':
      case 'WAITING':
        stopPlaying();
        setView('waiting');
        break;
      case 'LIVE':
        if (viewer.replaced) {
          setView('elsewhere');
        } else if (s.playable) {
          setView('player');
          if (!viewer.player && !starting) startPlaying();
        } else if (!viewer.player) {
          setView('waiting');
        }
        break;
      case 'REPLAY':
        if (viewer.player && playlist === 'replay.m3u8') {
          setView('player');
        } else if (viewer.replaced) {
          setView('elsewhere');
        } else {
          stopPlaying();
          setView('notice');
        }
        break;
      default:
        stopPlaying();
        setView('notice');
    }
    renderWaiting();
    renderNotice();
  }

  function setView(view) {
    if (viewer.view === view) return;
    viewer.view = view;
    show('waiting', view === 'waiting');
    show('stage-panel', view === 'player');
    show('elsewhere', view === 'elsewhere');
    show('notice', view === 'notice');
    if (view === 'elsewhere') $('take-back').focus();
  }

  // --- waiting room -------------------------------------------------------------------------------------------

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function renderWaiting() {
    var s = viewer.state;
    var target = s.phase === 'NOT_YET_OPEN' ? s.opensAt : s.startsAt;
    var left = Math.max(0, Math.floor((target - serverNow()) / 1000));
    $('cd-days').textContent = String(Math.floor(left / 86400));
    $('cd-hours').textContent = pad(Math.floor((left % 86400) / 3600));
    $('cd-minutes').textContent = pad(Math.floor((left % 3600) / 60));
    $('cd-seconds').textContent = pad(left % 60);
    $('waiting-heading').textContent = s.phase === 'NOT_YET_OPEN' ? 'Doors open in' : 'Starts in';
    var note;
    if (s.phase === 'NOT_YET_OPEN') {
      note = 'The waiting room opens ' + new Date(s.opensAt).toLocaleString() + '.';
    } else if (s.phase === 'LIVE' || left === 0) {
      note = s.stream === 'DISCONNECTED'
        ? 'The stream is interrupted — it continues here as soon as it is back.'
        : 'Starting any moment now — keep this page open, the show starts here by itself.';
    } else {
      note = 'Keep this page open: the show starts here by itself.';
    }
    if ($('waiting-note').textContent !== note) $('waiting-note').textContent = note;
  }

  function renderNotice() {
    var s = viewer.state;
    $('notice-heading').textContent = s.heading || '';
    var text = s.message || '';
    var replay = s.phase === 'REPLAY';
    if (replay) {
      if (s.rentalStarts) {
        text = 'The recording is ready. Your viewing time starts when you press play.';
      } else if (s.closesAt) {
        text = 'The replay is available until ' + new Date(s.closesAt).toLocaleString() + '.';
      } else {
        text = 'The replay is available.';
      }
    }
    $('notice-text').textContent = text;
    show('replay', replay);
  }

  // --- playing ------------------------------------------------------------------------------------------------

  function withToken(url) {
    return token ? url.replace(TOKEN_IN_PATH, '$1' + token + '/') : url;
  }

  /** POSTs to one of the ticket's addresses as JSON (so no form on another site can); the answer's JSON, or why not. */
  function post(url, refused) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.detail || refused);
        return json;
      });
    });
  }

  function startPlaying() {
    starting = true;
    post(body.dataset.sessions, 'The server refused to start playing.')
      .then(function (started) {
        starting = false;
        viewer.session = started.session;
        viewer.replaced = false;
        token = started.token;
        base = started.base;
        playlist = started.playlist;
        follow();
        attachPlayer();
        setView('player');
      })
      .catch(function (error) {
        starting = false;
        $('notice-heading').textContent = 'Cannot play right now';
        $('notice-text').textContent = String(error.message || error);
        setView('notice');
        // Try again on a later update, unless the page shows why not.
        window.setTimeout(render, 5000);
      });
  }

  function attachPlayer() {
    var video = $('video');
    var player = window.StagedoorPlayer.attach(
      video,
      function () {
        return base + token + '/' + playlist;
      },
      { workerPath: body.dataset.worker, rewriteUrl: withToken }
    );
    viewer.player = player;
    player.onChange(renderPlayer);
  }

  function stopPlaying() {
    if (viewer.player) {
      viewer.player.destroy();
      viewer.player = null;
      var video = $('video');
      video.removeAttribute('src');
      video.load();
    }
  }

  var shownLevels = null;

  function option(value, text) {
    var o = document.createElement('option');
    o.value = String(value);
    o.textContent = text;
    return o;
  }

  function renderPlayer(p) {
    var status = $('status');
    var text = p.state === 'playing' && !p.live ? 'Playing' : STATUS[p.state] || p.state;
    if (p.state === 'playing' && p.muted) text += ' · muted: press Unmute for sound';
    status.textContent = text;
    status.dataset.state = p.state;
    var quality = $('quality');
    var key = p.levels.map(function (l) { return l.label; }).join('|');
    if (key !== shownLevels) {
      shownLevels = key;
      var options = [option(-1, 'Automatic')];
      p.levels.slice().reverse().forEach(function (l) {
        options.push(option(l.index, l.label));
      });
      quality.replaceChildren.apply(quality, options);
      quality.disabled = p.levels.length < 2;
    }
    var current = p.levels[p.level];
    quality.options[0].textContent = p.auto && current ? 'Automatic (' + current.label + ')' : 'Automatic';
    quality.value = String(p.auto ? -1 : p.selected);
    $('go-live').disabled = !p.live || p.state === 'unsupported' || p.state === 'loading' || p.state === 'waiting';
    $('go-live').hidden = playlist === 'replay.m3u8';
    var video = $('video');
    $('mute').textContent = video.muted ? 'Unmute' : 'Mute';
    $('mute').setAttribute('aria-pressed', String(video.muted));
    $('play').textContent = video.paused ? 'Play' : 'Pause';
    $('volume').value = String(video.muted ? 0 : video.volume);
  }

  // --- controls -----------------------------------------------------------------------------------------------

  function wireControls() {
    var video = $('video');
    $('quality').addEventListener('change', function () {
      if (viewer.player) viewer.player.setLevel(Number($('quality').value));
    });
    $('go-live').addEventListener('click', function () {
      if (viewer.player) viewer.player.goLive();
    });
    $('play').addEventListener('click', function () {
      if (video.paused) video.play(); else video.pause();
    });
    $('mute').addEventListener('click', function () {
      video.muted = !video.muted;
      if (!video.muted && video.volume === 0) video.volume = 1;
    });
    $('volume').addEventListener('input', function () {
      video.volume = Number($('volume').value);
      video.muted = video.volume === 0;
    });
    video.addEventListener('play', function () { if (viewer.player) renderPlayer(viewer.player); });
    video.addEventListener('pause', function () { if (viewer.player) renderPlayer(viewer.player); });
    $('fullscreen').addEventListener('click', function () {
      var stage = $('stage');
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (stage.requestFullscreen) {
        stage.requestFullscreen();
      } else if (video.webkitEnterFullscreen) {
        video.webkitEnterFullscreen(); // iPhone: only the video itself goes full screen.
      }
    });
    if (window.WebKitPlaybackTargetAvailabilityEvent) {
      video.addEventListener('webkitplaybacktargetavailabilitychanged', function (e) {
        $('airplay').hidden = e.availability !== 'available';
      });
      $('airplay').addEventListener('click', function () {
        video.webkitShowPlaybackTargetPicker();
      });
    }
    $('take-back').addEventListener('click', function () {
      viewer.replaced = false;
      viewer.view = 'none';
      startPlaying();
    });
    $('replay').addEventListener('click', function () {
      viewer.startedReplay = true;
      startPlaying();
    });
    $('tv-code').addEventListener('click', deviceCode);
    $('check').addEventListener('click', techCheck);
    document.addEventListener('keydown', function (e) {
      if (viewer.view !== 'player' || e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
      if (e.key === 'f') $('fullscreen').click();
      else if (e.key === 'm') $('mute').click();
      else if (e.key === 'k' || (e.key === ' ' && e.target === body)) {
        e.preventDefault();
        $('play').click();
      }
    });
  }

  // --- TV -----------------------------------------------------------------------------------------------------

  function deviceCode() {
    var out = $('tv-code-result');
    out.textContent = 'Getting a code…';
    post(body.dataset.deviceCode, 'No code right now: try again shortly.')
      .then(function (json) {
        out.replaceChildren(
          document.createTextNode('On the TV, open ' + location.origin + '/tv and type '),
          code(json.code),
          document.createTextNode(' within ' + Math.round(json.expiresInSeconds / 60) + ' minutes.')
        );
      })
      .catch(function (error) {
        out.textContent = String(error.message || error);
      });
  }

  function code(text) {
    var span = document.createElement('span');
    span.className = 'code big-code';
    span.textContent = text;
    return span;
  }

  // --- technical check ----------------------------------------------------------------------------------------

  function techCheck() {
    var list = $('check-results');
    list.replaceChildren();
    function result(kind, text) {
      var li = document.createElement('li');
      li.dataset.result = kind;
      li.textContent = text;
      list.appendChild(li);
      return li;
    }
    var mse = window.MediaSource || window.ManagedMediaSource;
    var h264 = mse && mse.isTypeSupported && mse.isTypeSupported('video/mp4; codecs="avc1.640028,mp4a.40.2"');
    var native = $('video').canPlayType('application/vnd.apple.mpegurl') !== '';
    if (h264 || native) {
      result('ok', 'This browser plays the stream (H.264 video, AAC sound).');
    } else {
      result('fail', 'This browser cannot play H.264 video with AAC sound. Try a current Firefox, Chrome, Edge or Safari.');
    }
    var speed = result('warn', 'Measuring your connection…');
    var started = performance.now();
    fetch(body.dataset.speedTest, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('The speed test is not available right now (' + response.status + ').');
        return response.arrayBuffer();
      })
      .then(function (bytes) {
        var seconds = (performance.now() - started) / 1000;
        var mbps = (bytes.byteLength * 8) / seconds / 1e6;
        var text = 'Your connection: about ' + mbps.toFixed(1) + ' Mbps. ';
        if (mbps >= 8) {
          speed.dataset.result = 'ok';
          speed.textContent = text + 'Enough for the best quality.';
        } else if (mbps >= 1.5) {
          speed.dataset.result = 'warn';
          speed.textContent = text + 'The player will choose a lower quality to keep playing smoothly.';
        } else {
          speed.dataset.result = 'fail';
          speed.textContent = text + 'That may be too slow: move closer to the Wi-Fi or use a cable.';
        }
        viewer.measuredMbps = mbps;
      })
      .catch(function (error) {
        speed.dataset.result = 'warn';
        speed.textContent = String(error.message || error);
      });
  }

  // --- start --------------------------------------------------------------------------------------------------

  wireControls();
  render();
  follow();
  window.setInterval(renderWaiting, 250);
})();
