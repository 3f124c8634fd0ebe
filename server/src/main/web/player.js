/*
 * Stagedoor's player: plays one HLS address in a <video> element and says what it is doing.
 *
 * hls.js (loaded before this file, as the global Hls) plays wherever Media Source Extensions exist; browsers without
 * them but with HLS of their own (iPhones before iOS 17.1) play natively. Networks fail and streams pause, so the
 * player keeps trying by itself: a failed load is retried with a growing pause, a media error is recovered, and a
 * picture that stops moving is reported as an interruption until it moves again.
 *
 *   const player = StagedoorPlayer.attach(video, 'master.m3u8', { workerPath: '/static/hls.worker.js' });
 *   // or, with an address whose token is renewed: attach(video, () => url, { rewriteUrl: u => withToken(u) })
 *   player.onChange(p => console.log(p.state));   // loading, waiting, playing, buffering, interrupted, paused,
 *                                                  // ended or unsupported
 *   player.setLevel(-1);                          // automatic; or an index of player.levels
 *   player.goLive();                              // to player.liveEdge(), the position hls.js keeps live at
 *
 * Its fields are plain data for pages and tests: state, mode ('hls.js' or 'native'), levels ({index, width, height,
 * bitrate, label}, lowest first), level (the index playing, or -1 before the first), selected (the index chosen, or -1
 * for automatic), auto, live (false for a recording that has ended), muted, errors ({type, details, fatal, at}: the ones the player had to act on) and recoveries
 * (how many times it did).
 */
(function (global) {
  'use strict';

  /** A picture that has not moved for this long while it should be playing is an interruption, not buffering. */
  var INTERRUPTED_AFTER_MS = 4000;
  var WATCHDOG_MS = 500;
  var RETRY_FIRST_MS = 1000;
  var RETRY_MAX_MS = 8000;
  /** How often to ask for a stream that has not started: an organiser waiting wants to see it at once. */
  var WAITING_RETRY_MS = 3000;
  /** A second media error this soon after the first gets the stronger remedy. */
  var MEDIA_ERROR_WINDOW_MS = 3000;
  var MAX_ERRORS_KEPT = 50;
  var HLS_TYPE = 'application/vnd.apple.mpegurl';

  function attach(video, src, options) {
    options = options || {};
    var Hls = global.Hls;
    var listeners = [];
    var hls = null;
    var retryTimer = null;
    var retryDelay = RETRY_FIRST_MS;
    var lastMediaError = 0;
    var lastTime = -1;
    var lastProgressAt = Date.now();
    var hasPlayed = false;
    var refused = false;
    var destroyed = false;

    var player = {
      state: 'loading',
      mode: Hls && Hls.isSupported() ? 'hls.js' : video.canPlayType(HLS_TYPE) ? 'native' : 'none',
      levels: [],
      level: -1,
      selected: -1,
      auto: true,
      live: true,
      muted: video.muted,
      errors: [],
      recoveries: 0,
      onChange: function (listener) {
        listeners.push(listener);
        listener(player);
      },
      setLevel: setLevel,
      goLive: goLive,
      liveEdge: liveEdge,
      destroy: destroy
    };

    function changed() {
      player.muted = video.muted;
      for (var i = 0; i < listeners.length; i++) {
        try {
          listeners[i](player);
        } catch (e) {
          if (global.console) global.console.error(e);
        }
      }
    }

    function setState(state) {
      if (player.state !== state) {
        player.state = state;
        changed();
      }
    }

    function recordError(type, details, fatal) {
      player.errors.push({ type: String(type), details: String(details), fatal: !!fatal, at: new Date().toISOString() });
      if (player.errors.length > MAX_ERRORS_KEPT) player.errors.shift();
      changed();
    }

    /** Another try after a pause that doubles each time, up to a limit; progress resets it. */
    function retryLater(action, maxDelay) {
      if (retryTimer !== null || destroyed) return;
      var delay = Math.min(retryDelay, maxDelay || RETRY_MAX_MS);
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
      retryTimer = global.setTimeout(function () {
        retryTimer = null;
        if (!destroyed) {
          player.recoveries++;
          action();
        }
      }, delay);
    }

    function notPlayingYet() {
      return hasPlayed ? 'interrupted' : 'waiting';
    }

    // --- hls.js ----------------------------------------------------------------------------------------------

    /** The address to play: a function gives the newest one (its token renewed), a string is fixed. */
    function currentSrc() {
      return typeof src === 'function' ? src() : src;
    }

    function startHls() {
      // maxLiveSyncPlaybackRate: a player that started early (at the first segment) or stalled plays up to 10 %
      // faster until it is back at hls.js's target distance from the live edge, instead of staying behind.
      var config = { liveDurationInfinity: true, capLevelToPlayerSize: false, maxLiveSyncPlaybackRate: 1.1 };
      if (options.workerPath) config.workerPath = options.workerPath;
      if (options.rewriteUrl) {
        // Every playlist and segment request goes out with the newest token, though hls.js resolved its address
        // against the playlist it first loaded.
        config.xhrSetup = function (xhr, url) {
          xhr.open('GET', options.rewriteUrl(url), true);
        };
      }
      hls = new Hls(config);
      hls.on(Hls.Events.MANIFEST_PARSED, function (event, data) {
        retryDelay = RETRY_FIRST_MS;
        player.levels = describeLevels(data.levels);
        changed();
        play();
      });
      hls.on(Hls.Events.LEVEL_SWITCHED, function (event, data) {
        player.level = data.level;
        player.auto = hls.autoLevelEnabled;
        changed();
      });
      hls.on(Hls.Events.LEVEL_LOADED, function (event, data) {
        if (player.live !== data.details.live) {
          player.live = data.details.live;
          changed();
        }
      });
      hls.on(Hls.Events.FRAG_BUFFERED, function () {
        retryDelay = RETRY_FIRST_MS;
      });
      hls.on(Hls.Events.ERROR, onHlsError);
      hls.loadSource(currentSrc());
      hls.attachMedia(video);
    }

    function onHlsError(event, data) {
      if (!data.fatal) {
        // hls.js retries these by itself (its load policies) and skips small gaps; a lasting stall shows on the
        // watchdog.
        return;
      }
      if (notStartedYet(data)) {
        // Not an error: the server has no playlist before the first segment. Ask again soon.
        setState('waiting');
        retryLater(restartHls, WAITING_RETRY_MS);
        return;
      }
      recordError(data.type, data.details, true);
      if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
        setState(notPlayingYet());
        if (player.levels.length === 0) {
          // The master playlist never arrived (the stream has not started, or the server was away): start over.
          retryLater(restartHls);
        } else {
          retryLater(function () {
            hls.startLoad();
          });
        }
      } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        var now = Date.now();
        if (now - lastMediaError > MEDIA_ERROR_WINDOW_MS) {
          player.recoveries++;
          hls.recoverMediaError();
        } else {
          player.recoveries++;
          hls.swapAudioCodec();
          hls.recoverMediaError();
        }
        lastMediaError = now;
      } else {
        setState(notPlayingYet());
        retryLater(restartHls);
      }
    }

    function notStartedYet(data) {
      return (
        !hasPlayed &&
        data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR &&
        !!data.response &&
        data.response.code === 404
      );
    }

    function restartHls() {
      if (hls) hls.destroy();
      startHls();
    }

    function describeLevels(levels) {
      var heights = {};
      levels.forEach(function (l) {
        heights[l.height] = (heights[l.height] || 0) + 1;
      });
      return levels.map(function (l, index) {
        var label = l.height ? l.height + 'p' : Math.round(l.bitrate / 1000) + ' kbps';
        if (l.height && heights[l.height] > 1) label += ' · ' + (l.bitrate / 1e6).toFixed(1) + ' Mbps';
        return { index: index, width: l.width, height: l.height, bitrate: l.bitrate, label: label };
      });
    }

    // --- native HLS ------------------------------------------------------------------------------------------

    function startNative() {
      video.addEventListener('error', function () {
        var error = video.error;
        recordError('mediaError', error ? 'code ' + error.code + (error.message ? ': ' + error.message : '') : '?', true);
        setState(notPlayingYet());
        retryLater(function () {
          video.src = currentSrc();
          play();
        });
      });
      video.addEventListener('loadedmetadata', function () {
        retryDelay = RETRY_FIRST_MS;
        player.live = video.duration === Infinity;
        changed();
      });
      video.src = currentSrc();
      play();
    }

    // --- both --------------------------------------------------------------------------------------------------

    /** Plays with sound where the browser allows it, else muted (browsers refuse sound without a click). */
    function play() {
      var started = video.play();
      if (started && started.catch) {
        started.catch(function (error) {
          if (error && error.name === 'NotAllowedError' && !video.muted) {
            video.muted = true;
            changed();
            video.play().catch(function () {
              refused = true;
              setState('paused');
            });
          }
        });
      }
    }

    function setLevel(index) {
      if (!hls) return;
      // currentLevel switches now (dropping what is buffered of the old one); -1 hands the choice back to hls.js.
      hls.currentLevel = index;
      player.selected = index < 0 ? -1 : index;
      player.auto = index < 0;
      changed();
    }

    /** The live edge: where hls.js would start a live stream, or the end of what is seekable. */
    function liveEdge() {
      if (hls && hls.liveSyncPosition !== null && hls.liveSyncPosition !== undefined) {
        return hls.liveSyncPosition;
      }
      var seekable = video.seekable;
      return seekable && seekable.length ? Math.max(0, seekable.end(seekable.length - 1) - 6) : null;
    }

    function goLive() {
      var edge = liveEdge();
      if (edge !== null && isFinite(edge)) video.currentTime = edge;
      if (video.paused) play();
    }

    /** Watches the picture: moving is playing; still for a moment is buffering; still for long is interrupted. */
    function watchdog() {
      if (destroyed) return;
      var now = Date.now();
      var time = video.currentTime;
      if (time !== lastTime) {
        if (lastTime >= 0 && time > lastTime) {
          hasPlayed = true;
          retryDelay = RETRY_FIRST_MS;
          if (!video.paused) setState('playing');
        }
        lastTime = time;
        lastProgressAt = now;
        return;
      }
      if (video.paused || video.seeking) {
        if (video.ended) setState('ended');
        else if (video.paused && (hasPlayed || refused)) setState('paused');
        lastProgressAt = now;
        return;
      }
      if (!hasPlayed) {
        // Before the first picture the loads say what is happening (loading, or waiting for the stream).
        return;
      }
      if (now - lastProgressAt >= INTERRUPTED_AFTER_MS) {
        setState(notPlayingYet());
        // After a long gap (a publisher that came back) the picture may sit behind the live edge: catch up.
        var edge = liveEdge();
        if (hls && edge !== null && edge > time + 1 && bufferedAt(edge)) goLive();
      } else if (now - lastProgressAt >= WATCHDOG_MS * 2) {
        setState('buffering');
      }
    }

    function bufferedAt(position) {
      var ranges = video.buffered;
      for (var i = 0; i < ranges.length; i++) {
        if (ranges.start(i) <= position && position < ranges.end(i)) return true;
      }
      return false;
    }

    var watchdogTimer = global.setInterval(watchdog, WATCHDOG_MS);
    video.addEventListener('waiting', function () {
      if (hasPlayed) setState('buffering');
    });
    video.addEventListener('pause', function () {
      if (hasPlayed && !video.ended) setState('paused');
    });
    video.addEventListener('playing', function () {
      refused = false;
      if (player.state === 'paused') setState('buffering');
    });
    video.addEventListener('ended', function () {
      setState('ended');
    });
    video.addEventListener('volumechange', changed);

    function destroy() {
      destroyed = true;
      global.clearInterval(watchdogTimer);
      if (retryTimer !== null) global.clearTimeout(retryTimer);
      if (hls) hls.destroy();
      hls = null;
    }

    if (player.mode === 'hls.js') {
      startHls();
    } else if (player.mode === 'native') {
      startNative();
    } else {
      player.state = 'unsupported';
    }
    return player;
  }

  global.StagedoorPlayer = { attach: attach };
})(window);
