/*
 * Rapport package player: shows one module's lessons page by page, runs its knowledge checks and grades its
 * quiz in the browser, and tells the runtime (runtime.js, cmi5.js) what happened. The module's data is
 * window.RAPPORT_COURSE (course.js). Grading follows src/lib/quiz/grade.ts: one point per graded question,
 * multiple-choice all or nothing, ordering all in place, likert ungraded, percent rounded down.
 */
(function () {
  'use strict';
  var course = window.RAPPORT_COURSE;
  var LIKERT = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'];
  var main = document.getElementById('player');
  var report = null;
  var page = 0;
  var pages = course.lessons.length + 1;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') node.textContent = props[k];
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(c);
    });
    return node;
  }

  function shuffle(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy;
  }

  /** The questions of one attempt: drawCount graded ones at random (all when unset), likert always. */
  function draw(quiz) {
    var graded = quiz.questions.filter(function (q) {
      return q.type !== 'likert';
    });
    var likert = quiz.questions.filter(function (q) {
      return q.type === 'likert';
    });
    var picked = quiz.drawCount ? shuffle(graded).slice(0, quiz.drawCount) : graded;
    return shuffle(picked).concat(likert);
  }

  function questionField(q, prefix) {
    var name = prefix + '-' + q.id;
    var rows = [];
    if (q.type === 'likert') {
      rows = LIKERT.map(function (label, i) {
        return el('label', {}, [
          el('input', { type: 'radio', name: name, value: String(i + 1) }),
          document.createTextNode(' ' + label),
        ]);
      });
    } else if (q.type === 'ordering') {
      var items = shuffle(q.items);
      rows = items.map(function (item) {
        var options = [el('option', { value: '', text: 'Choose a position' })].concat(
          q.items.map(function (_, i) {
            return el('option', { value: String(i + 1), text: String(i + 1) });
          }),
        );
        return el('label', {}, [
          el('span', { text: item.text + ' ' }),
          el('select', { name: name + '-' + item.id, 'data-item': item.id }, options),
        ]);
      });
    } else {
      var type = q.type === 'multiple' ? 'checkbox' : 'radio';
      rows = q.options.map(function (o) {
        return el('label', {}, [el('input', { type: type, name: name, value: o.id }), document.createTextNode(' ' + o.text)]);
      });
    }
    var legend = el('legend', { text: q.prompt + (q.type === 'multiple' ? ' (choose every option that applies)' : '') });
    return el(
      'fieldset',
      { 'data-question': q.id },
      [legend].concat(
        rows.map(function (r) {
          return el('div', {}, [r]);
        }),
      ),
    );
  }

  function gradeQuestion(q, field) {
    if (q.type === 'likert') return { points: 0, max: 0, lines: [] };
    if (q.type === 'ordering') {
      var order = [];
      field.querySelectorAll('select').forEach(function (s) {
        if (s.value) order[Number(s.value) - 1] = s.getAttribute('data-item');
      });
      var inPlace = q.items.filter(function (item, i) {
        return order[i] === item.id;
      }).length;
      var ok = inPlace === q.items.length;
      return { points: ok ? 1 : 0, max: 1, lines: [inPlace + ' of ' + q.items.length + ' steps in the right place.'] };
    }
    var chosen = [];
    field.querySelectorAll('input:checked').forEach(function (i) {
      chosen.push(i.value);
    });
    var right = q.options
      .filter(function (o) {
        return o.correct;
      })
      .map(function (o) {
        return o.id;
      });
    var correct =
      chosen.length === right.length &&
      right.every(function (id) {
        return chosen.indexOf(id) >= 0;
      });
    var lines = q.options
      .filter(function (o) {
        return chosen.indexOf(o.id) >= 0;
      })
      .map(function (o) {
        return o.text + ': ' + o.feedback;
      });
    return { points: correct ? 1 : 0, max: 1, lines: lines };
  }

  /** Renders a quiz form into `host`; `done(percent)` runs after each graded attempt. */
  function quizForm(host, quiz, prefix, submitLabel, done) {
    var questions = draw(quiz);
    var form = el(
      'form',
      { novalidate: '' },
      questions.map(function (q) {
        return questionField(q, prefix);
      }),
    );
    form.appendChild(el('button', { type: 'submit', text: submitLabel }));
    var result = el('div', { role: 'status', class: 'result' });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var points = 0;
      var max = 0;
      result.textContent = '';
      questions.forEach(function (q) {
        var graded = gradeQuestion(q, form.querySelector('[data-question="' + q.id + '"]'));
        points += graded.points;
        max += graded.max;
        var verdict = graded.max === 0 ? 'Thank you for answering.' : graded.points ? 'Correct.' : 'Not quite.';
        var lines = [verdict].concat(graded.lines, [q.explanation]);
        result.appendChild(
          el(
            'div',
            { class: 'feedback' },
            [el('p', { class: 'prompt', text: q.prompt })].concat(
              lines.map(function (l) {
                return el('p', { text: l });
              }),
            ),
          ),
        );
      });
      var percent = max === 0 ? 100 : Math.floor((points * 100) / max);
      done(percent, result);
    });
    host.replaceChildren(form, result);
  }

  function renderLesson(index) {
    var lesson = course.lessons[index];
    var body = el('div', { class: 'lesson-body' });
    body.innerHTML = lesson.html;
    body.querySelectorAll('[data-check]').forEach(function (host) {
      var check = course.checks[host.getAttribute('data-check')];
      var box = el('div', {});
      host.replaceChildren(el('h2', { text: 'Check your understanding: ' + check.title }), box);
      quizForm(box, check, check.id, 'Check my answers', function (percent, result) {
        result.prepend(
          el('p', {
            class: 'score',
            text: 'You got ' + percent + '% right. Knowledge checks are practice and are not reported.',
          }),
        );
      });
    });
    return [el('h1', { text: lesson.title }), body];
  }

  function renderQuiz() {
    var quiz = course.quiz;
    var box = el('div', {});
    var intro = el('p', { text: 'Pass mark: ' + quiz.passMark + '%. You can retake the quiz; your best result counts.' });
    quizForm(box, quiz, 'quiz', 'Submit the quiz', function (percent, result) {
      var passed = percent >= quiz.passMark;
      result.prepend(
        el('p', {
          class: 'score',
          text: 'You scored ' + percent + '%: ' + (passed ? 'passed.' : 'not passed yet; read the feedback and try again.'),
        }),
      );
      if (report) report.graded(percent, passed);
    });
    return [el('h1', { text: quiz.title }), intro, box];
  }

  function show(index) {
    page = Math.max(0, Math.min(pages - 1, index));
    var content = page < course.lessons.length ? renderLesson(page) : renderQuiz();
    var prev = el('button', { type: 'button', text: 'Previous' });
    var next = el('button', { type: 'button', text: page === pages - 2 ? 'Go to the quiz' : 'Next' });
    var exit = el('button', { type: 'button', text: 'Finish and exit' });
    prev.disabled = page === 0;
    prev.addEventListener('click', function () {
      show(page - 1);
    });
    next.addEventListener('click', function () {
      show(page + 1);
    });
    exit.addEventListener('click', function () {
      if (report) report.finish();
      main.replaceChildren(el('p', { text: 'You can close this window now.' }));
    });
    var nav = el('nav', { 'aria-label': 'Pages' }, [prev, page < pages - 1 ? next : exit]);
    var where = el('p', { class: 'where', text: course.title + ': page ' + (page + 1) + ' of ' + pages });
    main.replaceChildren.apply(main, [where].concat(content, [nav]));
    main.querySelector('h1').focus();
    window.scrollTo(0, 0);
    if (report) report.visited(page);
    if (report && page === pages - 1) report.readToEnd();
  }

  async function begin() {
    var params = new URLSearchParams(location.search);
    try {
      if (course.format === 'cmi5' && params.get('endpoint')) report = await window.RapportCmi5.start(params);
      if (course.format === 'scorm12') report = window.RapportRuntime.scorm12();
    } catch (error) {
      main.prepend(el('p', { role: 'alert', text: 'Your progress cannot be reported to the learning system: ' + error.message }));
    }
    window.addEventListener('pagehide', function () {
      if (report) report.finish();
    });
    var resume = report && Number(report.location);
    show(resume > 0 ? resume : 0);
  }

  begin();
})();
