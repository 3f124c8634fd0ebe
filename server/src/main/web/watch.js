/*
 * The watch page: starts the player on the page's <video> (its data-src is the stream's address, data-worker the
 * hls.js worker) and keeps the status line, the quality menu and the "go live" button in step with it. The player is
 * window.stagedoorPlayer, so that tests (and curious technicians) can read its state.
 */
(function () {
  'use strict';

  var STATUS = {
    loading: 'Loading…',
    waiting: 'Waiting for the stream to start…',
    playing: 'Live',
    buffering: 'Buffering…',
    interrupted: 'Stream interrupted — reconnecting…',
    paused: 'Paused',
    ended: 'The stream has ended.',
    unsupported: 'This browser cannot play the stream. Try a current Firefox, Chrome, Edge or Safari.'
  };

  var video = document.getElementById('video');
  var status = document.getElementById('status');
  var quality = document.getElementById('quality');
  var live = document.getElementById('go-live');
  var shownLevels = null;

  var player = window.StagedoorPlayer.attach(video, video.dataset.src, { workerPath: video.dataset.worker });
  window.stagedoorPlayer = player;

  // A blocked script or worker would otherwise fail silently: count it as a player error.
  document.addEventListener('securitypolicyviolation', function (e) {
    player.errors.push({
      type: 'securityPolicy',
      details: e.violatedDirective + ' ' + e.blockedURI,
      fatal: false,
      at: new Date().toISOString()
    });
  });

  quality.addEventListener('change', function () {
    player.setLevel(Number(quality.value));
  });
  live.addEventListener('click', function () {
    player.goLive();
  });

  function option(value, text) {
    var o = document.createElement('option');
    o.value = String(value);
    o.textContent = text;
    return o;
  }

  function showLevels(p) {
    var key = p.levels.map(function (l) { return l.label; }).join('|');
    if (key === shownLevels) return;
    shownLevels = key;
    var options = [option(-1, 'Automatic')];
    // Highest first, as people read a quality menu.
    p.levels.slice().reverse().forEach(function (l) {
      options.push(option(l.index, l.label));
    });
    quality.replaceChildren.apply(quality, options);
    quality.disabled = p.levels.length < 2;
  }

  player.onChange(function (p) {
    var text = p.state === 'playing' && !p.live ? 'Playing' : STATUS[p.state] || p.state;
    if (p.state === 'playing' && p.muted) text += ' · muted: turn the sound on with the speaker button';
    status.textContent = text;
    status.dataset.state = p.state;
    showLevels(p);
    var current = p.levels[p.level];
    quality.options[0].textContent = p.auto && current ? 'Automatic (' + current.label + ')' : 'Automatic';
    quality.value = String(p.auto ? -1 : p.selected);
    live.disabled = !p.live || p.state === 'unsupported' || p.state === 'loading' || p.state === 'waiting';
  });
})();
