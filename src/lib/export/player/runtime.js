/*
 * Rapport package runtime: reports to the LMS that launched the package. Plain ES2017 so it runs in any LMS
 * frame without a build step. window.RAPPORT_COURSE.format chooses the standard:
 *  - scorm12: finds the SCORM 1.2 API (window.API) in a parent or opener frame and reports
 *    cmi.core.lesson_status, cmi.core.score and cmi.core.session_time;
 *  - cmi5: reads the launch parameters, fetches the auth token and LMS.LaunchData, and sends the cmi5 defined
 *    statements (initialized, completed, passed or failed, terminated) to the launch's LRS endpoint.
 * Without an LMS (opened from disk) it reports nothing and the module still works.
 */
(function () {
  'use strict';
  var started = Date.now();

  function findScormApi(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        /* a cross-origin frame: keep looking further out */
      }
      if (win.parent && win.parent !== win) win = win.parent;
      else break;
    }
    return window.opener ? findScormApi(window.opener) : null;
  }

  /** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function scormTime(ms) {
    var s = ms / 1000;
    var pad = function (n, w) {
      return String(n).padStart(w, '0');
    };
    var hours = Math.floor(s / 3600);
    var minutes = Math.floor((s % 3600) / 60);
    var seconds = (s % 60).toFixed(2).padStart(5, '0');
    return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + seconds;
  }

  function scorm12() {
    var api = findScormApi(window);
    if (!api) return null;
    api.LMSInitialize('');
    var status = api.LMSGetValue('cmi.core.lesson_status');
    if (status === 'not attempted' || status === '') api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    var finished = false;
    var keep = function (status) {
      var now = api.LMSGetValue('cmi.core.lesson_status');
      // A pass is never taken back by reading again or a later, lower attempt.
      if (now !== 'passed') api.LMSSetValue('cmi.core.lesson_status', status);
    };
    return {
      location: api.LMSGetValue('cmi.core.lesson_location'),
      visited: function (page) {
        api.LMSSetValue('cmi.core.lesson_location', String(page));
        api.LMSCommit('');
      },
      readToEnd: function () {
        var now = api.LMSGetValue('cmi.core.lesson_status');
        if (now !== 'passed' && now !== 'failed') api.LMSSetValue('cmi.core.lesson_status', 'completed');
        api.LMSCommit('');
      },
      graded: function (percent, passed) {
        api.LMSSetValue('cmi.core.score.min', '0');
        api.LMSSetValue('cmi.core.score.max', '100');
        api.LMSSetValue('cmi.core.score.raw', String(percent));
        keep(passed ? 'passed' : 'failed');
        api.LMSCommit('');
      },
      finish: function () {
        if (finished) return;
        finished = true;
        api.LMSSetValue('cmi.core.session_time', scormTime(Date.now() - started));
        api.LMSSetValue('cmi.core.exit', '');
        api.LMSCommit('');
        api.LMSFinish('');
      },
    };
  }

  window.RapportRuntime = { scorm12: scorm12, scormTime: scormTime };
})();
