/*
 * The cmi5 side of the package runtime (see runtime.js): one AU session, from the launch URL's parameters to
 * the terminated statement. The LMS itself sends "launched"; the AU sends the rest.
 */
(function () {
  'use strict';
  var CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
  var MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
  var VERBS = {
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    passed: 'http://adlnet.gov/expapi/verbs/passed',
    failed: 'http://adlnet.gov/expapi/verbs/failed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  };

  /** ISO 8601 duration with centiseconds, as the xAPI spec asks of durations. */
  function duration(ms) {
    return 'PT' + (Math.round(ms / 10) / 100).toFixed(2) + 'S';
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 256).toString(16).slice(1);
      })
      .join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  async function start(params) {
    var endpoint = params.get('endpoint').replace(/\/?$/, '/');
    var actor = JSON.parse(params.get('actor'));
    var registration = params.get('registration');
    var activityId = params.get('activityId');
    var tokenResponse = await fetch(params.get('fetch'), { method: 'POST' });
    var token = (await tokenResponse.json())['auth-token'];
    var headers = { Authorization: 'Basic ' + token, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
    var query = new URLSearchParams({
      stateId: 'LMS.LaunchData',
      activityId: activityId,
      agent: JSON.stringify(actor),
      registration: registration,
    });
    var launchData = await (await fetch(endpoint + 'activities/state?' + query, { headers: headers })).json();
    var normal = (launchData.launchMode || 'Normal') === 'Normal';
    var started = Date.now();
    var sent = {};
    // One statement at a time, so the LRS stores them in the order they happened (terminated last).
    var queue = Promise.resolve();

    function send(verb, result, moveOn) {
      var context = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
      context.registration = registration;
      context.contextActivities = context.contextActivities || {};
      var category = [{ id: CMI5 }];
      if (moveOn) category.push({ id: MOVEON });
      context.contextActivities.category = (context.contextActivities.category || []).concat(category);
      var statement = {
        id: uuid(),
        timestamp: new Date().toISOString(),
        actor: actor,
        verb: { id: VERBS[verb], display: { 'en-US': verb } },
        object: { objectType: 'Activity', id: activityId },
        context: context,
      };
      if (result) statement.result = result;
      sent[verb] = true;
      return fetch(endpoint + 'statements', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(statement),
        keepalive: true,
      });
    }

    await send('initialized');
    return {
      location: '',
      visited: function () {},
      readToEnd: function () {
        if (normal && !sent.completed) send('completed', { completion: true, duration: duration(Date.now() - started) }, true);
      },
      graded: function (percent, passed) {
        // cmi5: at most one passed; no failed after a pass, and one failed per session; a fail then a pass is fine.
        if (!normal || sent.passed) return;
        var mastery = typeof launchData.masteryScore === 'number' ? launchData.masteryScore : null;
        var success = mastery === null ? passed : percent / 100 >= mastery;
        if (!success && sent.failed) return;
        var score = { scaled: percent / 100, raw: percent, min: 0, max: 100 };
        send(success ? 'passed' : 'failed', { success: success, score: score, duration: duration(Date.now() - started) }, true);
      },
      finish: function () {
        if (sent.terminated) return;
        // After terminated the LMS takes over again: cmi5 asks the AU to go to returnURL when there is one.
        send('terminated', { duration: duration(Date.now() - started) }).then(function () {
          if (launchData.returnURL) location.assign(launchData.returnURL);
        });
      },
    };
  }

  window.RapportCmi5 = { start: start, duration: duration };
})();
