/*
 * Heard's dashboard: every figure is fetched from the analyst API (or, for a person, their own progress) with the
 * signed-in person's token, and drawn as it is published. A withheld value ("*") is never drawn: the chart leaves a
 * gap and the table says "withheld". No build step: plain browser JavaScript and Chart.js from the service's WebJar.
 */
(function () {
  'use strict';

  const signIn = window.HeardSignIn;
  // Each at least 3:1 against white (WCAG 2.2 non-text contrast); groups also differ by dash and point style.
  const COLOURS = ['#0b5394', '#b45309', '#047857', '#7c3aed', '#be123c', '#374151', '#0e7490', '#854d0e'];
  const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4], [4, 4], [12, 2]];
  const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'cross', 'rectRounded'];
  const TIMEPOINTS = {BASELINE: 'Baseline', REVIEW: 'Review', CLOSURE: 'Closure', FOLLOW_UP: 'Follow-up'};
  const DOMAINS = {
    INVOLVEMENT_IN_DECISIONS: 'Involvement in decisions', CARE_AND_TREATMENT: 'Care and treatment',
    PERSONAL_DEVELOPMENT: 'Personal development', WIDER_IMPACT: 'Wider impact'
  };
  const PERSPECTIVES = {SERVICE_USER: "Service user's view", ADVOCATE: "Advocate's view"};
  const MILESTONES = {
    REFERRAL: 'Referral', FIRST_CONTACT: 'First contact', FORUM: 'Forum held', FORUM_SCHEDULED: 'Forum coming up',
    LEGAL_STATUS: 'Legal status', CLOSURE: 'Case closed', REOPENING: 'Case reopened'
  };

  const $ = (id) => document.getElementById(id);
  let config = null;
  let token = null;
  let claims = null;
  let frameworks = [];
  let dimensions = [];
  let lastSeries = null;
  const charts = {};

  // ------------------------------------------------------------------------------------------- published values

  function isWithheld(value) {
    return value === '*';
  }

  /** A published value as a number to draw, or null (withheld, or not applicable): Chart.js leaves a gap. */
  function drawn(value) {
    return value === null || value === undefined || isWithheld(value) ? null : Number(value);
  }

  /** A table cell for a published value. */
  function valueCell(value, suffix) {
    if (isWithheld(value)) {
      return {withheld: true};
    }
    if (value === null || value === undefined) {
      return {text: ''};
    }
    return {text: String(value) + (suffix || '')};
  }

  function interval(low, high, suffix) {
    if (isWithheld(low) || isWithheld(high)) {
      return {withheld: true};
    }
    if (low === null || low === undefined) {
      return {text: ''};
    }
    return {text: low + (suffix || '') + ' to ' + high + (suffix || '')};
  }

  // -------------------------------------------------------------------------------------------------- sign-in

  function roles() {
    return claims && Array.isArray(claims.roles) ? claims.roles : [];
  }

  function signOut(message) {
    signIn.forget();
    token = null;
    claims = null;
    Object.keys(charts).forEach((id) => { charts[id].destroy(); delete charts[id]; });
    ['analyst', 'person', 'views', 'who'].forEach((id) => { $(id).hidden = true; });
    showSignIn();
    status(message || 'Signed out.');
  }

  function showSignIn() {
    $('sign-in').hidden = false;
    $('sign-in-development').hidden = config.signIn !== 'development-token';
    $('sign-in-oidc').hidden = config.signIn !== 'oidc';
  }

  function signedIn() {
    $('sign-in').hidden = true;
    $('who').hidden = false;
    $('who-text').textContent = 'Signed in as ' + (claims.sub || 'unknown') + ' (' + roles().join(', ') + ')';
    const analyst = roles().includes('analyst');
    const personal = roles().includes('advocate') || roles().includes('service-user');
    $('views').hidden = !(analyst && personal);
    $('view-analyst').hidden = !analyst;
    $('view-person').hidden = !personal;
    $('to-operations').hidden = !roles().includes('operations');
    if (!analyst && !personal) {
      status('This sign-in has no role that may see these views (analyst, advocate or service user).', true);
      return;
    }
    const wanted = location.hash === '#person' && personal ? 'person' : analyst ? 'analyst' : 'person';
    show(wanted);
  }

  function show(view) {
    $('analyst').hidden = view !== 'analyst';
    $('person').hidden = view !== 'person';
    $('view-analyst').setAttribute('aria-pressed', String(view === 'analyst'));
    $('view-person').setAttribute('aria-pressed', String(view === 'person'));
    history.replaceState(null, '', location.pathname + '#' + view);
    if (view === 'analyst') {
      loadAnalyst().catch(failed);
    } else {
      const own = roles().includes('service-user') && claims.person_id;
      if (own) {
        $('person-id').value = claims.person_id;
        $('person-id').readOnly = true;
        loadPerson(claims.person_id).catch(failed);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------ API

  async function api(path, accept) {
    const response = await fetch(path, {
      headers: {Authorization: 'Bearer ' + token, Accept: accept || 'application/json'}
    });
    if (response.status === 401) {
      signOut('Your sign-in has ended or was not accepted; please sign in again.');
      throw new Error('not signed in');
    }
    if (!response.ok) {
      let detail = 'the request failed (' + response.status + ')';
      try {
        const problem = await response.json();
        detail = problem.detail || detail;
        if (problem.errors && problem.errors.length) {
          detail += ': ' + problem.errors.map((e) => e.field + ' ' + e.message).join('; ');
        }
      } catch (e) { /* not problem+json */ }
      throw new Error(detail);
    }
    return accept === 'text/csv' ? response : response.json();
  }

  function status(message, error) {
    $('status').textContent = message || '';
    $('status').classList.toggle('error', Boolean(error));
  }

  function failed(error) {
    if (error && error.message !== 'not signed in') {
      status('Could not load the figures: ' + error.message, true);
    }
  }

  // ---------------------------------------------------------------------------------------------- analyst view

  function selectedVersion() {
    const value = $('f-version').value;
    if (!value) {
      return null;
    }
    const [frameworkId, version] = value.split('|');
    return {frameworkId: frameworkId, version: Number(version)};
  }

  function cohortParameters(split) {
    const chosen = selectedVersion();
    const parameters = new URLSearchParams();
    if (chosen) {
      parameters.set('framework', chosen.frameworkId);
      parameters.set('frameworkVersion', String(chosen.version));
    }
    if (split && $('f-split').value) {
      parameters.set('groupBy', $('f-split').value);
    }
    if ($('f-from').value) {
      parameters.set('referredFrom', $('f-from').value);
    }
    if ($('f-to').value) {
      parameters.set('referredTo', $('f-to').value);
    }
    if ($('f-asof').value) {
      parameters.set('asOf', $('f-asof').value);
    }
    return parameters;
  }

  function seriesParameters() {
    const parameters = cohortParameters(true);
    parameters.set('axis', $('f-axis').value);
    return parameters;
  }

  async function loadAnalyst() {
    if (!frameworks.length) {
      [frameworks, dimensions] = await Promise.all([api('/api/impact/frameworks'), api('/api/impact/dimensions')]);
      const versions = $('f-version');
      versions.replaceChildren();
      frameworks.filter((f) => f.readings || f.publishedOn).forEach((f) => {
        const option = document.createElement('option');
        option.value = f.frameworkId + '|' + f.version;
        option.textContent = (f.name || f.frameworkId) + ' v' + f.version
          + (f.scale ? ' (scale ' + f.scale[0] + ' to ' + f.scale[1] + ')' : '');
        versions.appendChild(option);
      });
      const withReadings = frameworks.find((f) => f.readings);
      if (withReadings) {
        versions.value = withReadings.frameworkId + '|' + withReadings.version;
      }
      dimensions.forEach((d) => {
        const option = document.createElement('option');
        option.value = d.name;
        option.textContent = d.label;
        $('f-split').appendChild(option);
      });
    }
    await showAnalyst();
  }

  async function showAnalyst() {
    if (!selectedVersion()) {
      status('No framework version has readings yet.');
      return;
    }
    status('Loading the figures …');
    const [series, cohorts, everyone, wider] = await Promise.all([
      api('/api/impact/series?' + seriesParameters()),
      api('/api/impact/cohorts?' + cohortParameters(true)),
      api('/api/impact/cohorts?' + cohortParameters(false)),
      api('/api/impact/wider')]);
    lastSeries = series;
    renderBasis(series.reliableChange);
    fillScores(series);
    renderSeries();
    renderReliable(cohorts);
    renderInvolvement(cohorts);
    renderOutcomes(everyone[0]);
    renderWider(wider);
    status('Figures as published by the analyst API' + (series.asOf ? ', as they stood on ' + series.asOf : '') + '.');
  }

  function groupLabel(group) {
    const values = Object.values(group || {});
    return values.length ? values.join(', ') : 'Everyone';
  }

  function pointLabel(series, at) {
    return series.axis === 'TIMEPOINT' ? (TIMEPOINTS[at] || at) : at + ' weeks';
  }

  function renderBasis(basis) {
    const text = basis.method === 'NOT_AVAILABLE'
      ? 'Reliable change is not available for this version: ' + basis.reason + '.'
      : 'Reliable change: a change of the total of more than ' + basis.threshold + ' points ('
        + (basis.method === 'DECLARED' ? 'declared with the version' : 'estimated here from ' + basis.n
          + ' baseline readings') + ': SD ' + basis.standardDeviation + ', reliability ' + basis.reliability
        + ' (' + (basis.reliabilityCoefficient === 'CRONBACH_ALPHA' ? "Cronbach's α" : 'test–retest') + '); '
        + (basis.improvement === 'DECREASE' ? 'lower' : 'higher') + ' scores are better. Source: ' + basis.source
        + '. Threshold = 1.96 × SD × √2 × √(1 − reliability), Jacobson & Truax 1991.';
    $('rc-basis').textContent = text;
  }

  function fillScores(series) {
    const names = new Set();
    series.groups.forEach((g) => g.points.forEach((p) => Object.keys(p.subscales).forEach((n) => names.add(n))));
    const select = $('f-score');
    const chosen = select.value;
    select.replaceChildren();
    const total = document.createElement('option');
    total.value = '';
    total.textContent = 'Total score';
    select.appendChild(total);
    Array.from(names).sort().forEach((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = 'Subscale: ' + name;
      select.appendChild(option);
    });
    select.value = names.has(chosen) ? chosen : '';
  }

  function estimateOf(point, score) {
    return score ? point.subscales[score] : point.total;
  }

  function renderSeries() {
    const series = lastSeries;
    const score = $('f-score').value;
    const labels = series.points.map((at) => pointLabel(series, at));
    const datasets = [];
    series.groups.forEach((group, i) => {
      const colour = COLOURS[i % COLOURS.length];
      const estimates = group.points.map((p) => estimateOf(p, score) || {});
      const label = groupLabel(group.group);
      datasets.push({
        label: label + ' 95% CI low', data: estimates.map((e) => drawn(e.ci95Low)), borderWidth: 0,
        pointRadius: 0, fill: false, heard: {group: label, kind: 'ciLow'}
      });
      datasets.push({
        label: label + ' 95% CI high', data: estimates.map((e) => drawn(e.ci95High)), borderWidth: 0,
        pointRadius: 0, fill: '-1', backgroundColor: colour + '26', heard: {group: label, kind: 'ciHigh'}
      });
      datasets.push({
        label: label, data: estimates.map((e) => drawn(e.mean)), borderColor: colour, backgroundColor: colour,
        borderDash: DASHES[i % DASHES.length], pointStyle: POINTS[i % POINTS.length], pointRadius: 5,
        borderWidth: 2.5, spanGaps: false, heard: {group: label, kind: 'mean'}
      });
    });
    const scale = !score && series.scale ? {min: Number(series.scale[0]), max: Number(series.scale[1])} : {};
    draw('chart-series', {
      type: 'line',
      data: {labels: labels, datasets: datasets},
      options: {
        scales: {
          y: Object.assign({title: {display: true, text: score ? 'Mean of subscale ' + score : 'Mean total score'}},
            scale),
          x: {title: {display: true, text: series.axis === 'TIMEPOINT' ? 'Timepoint' : 'Weeks since referral'}}
        },
        plugins: {legend: {labels: {filter: (item, data) => data.datasets[item.datasetIndex].heard.kind === 'mean'}}}
      }
    }, 'Line chart of the mean ' + (score ? 'subscale ' + score : 'total score') + ' for '
      + series.groups.length + ' group(s) at ' + labels.length + ' points; the table below gives every figure.');
    const rows = [];
    series.groups.forEach((group) => group.points.forEach((point) => {
      const e = estimateOf(point, score) || {};
      const improvement = point.reliableImprovement;
      const deterioration = point.reliableDeterioration;
      rows.push([{text: groupLabel(group.group), header: true}, {text: pointLabel(series, point.at), cls: 'text'},
        valueCell(e.n), valueCell(e.mean), interval(e.ci95Low, e.ci95High), valueCell(point.pairs),
        improvement ? valueCell(improvement.percent, '%') : {text: ''},
        improvement ? interval(improvement.ci95Low, improvement.ci95High, '%') : {text: ''},
        deterioration ? valueCell(deterioration.percent, '%') : {text: ''}]);
    }));
    table('table-series', (score ? 'Subscale ' + score : 'Total score') + ' over time',
      ['Group', series.axis === 'TIMEPOINT' ? 'Timepoint' : 'Weeks since referral', 'People (n)', 'Mean',
        '95% CI', 'With a baseline (n)', 'Reliable improvement', '95% CI', 'Reliable deterioration'], rows);
  }

  function renderReliable(rows) {
    const labels = rows.map((r) => groupLabel(r.group));
    const figure = (r, key) => drawn(r.reliableChange[key].percent);
    draw('chart-reliable', {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          {label: 'Reliable improvement', data: rows.map((r) => figure(r, 'improvement')), backgroundColor: COLOURS[2],
            heard: {kind: 'improvement'}},
          {label: 'No reliable change', data: rows.map((r) => figure(r, 'noChange')), backgroundColor: '#8a8f95',
            heard: {kind: 'noChange'}},
          {label: 'Reliable deterioration', data: rows.map((r) => figure(r, 'deterioration')),
            backgroundColor: COLOURS[4], heard: {kind: 'deterioration'}}]
      },
      options: {
        indexAxis: 'y',
        scales: {x: {stacked: true, min: 0, max: 100, title: {display: true, text: '% of people assessed'}},
          y: {stacked: true}}
      }
    }, 'Stacked bar chart of reliable improvement, no reliable change and reliable deterioration for '
      + rows.length + ' group(s); the table below gives every figure.');
    table('table-reliable', 'Reliable change and plain change of the total',
      ['Group', 'Assessed (n)', 'Reliable improvement', '95% CI', 'No reliable change', 'Reliable deterioration',
        '95% CI', 'Not assessable (n)', 'Any increase', 'No change', 'Any decrease'],
      rows.map((r) => {
        const rc = r.reliableChange;
        return [{text: groupLabel(r.group), header: true}, valueCell(rc.assessed),
          share(rc.improvement), interval(rc.improvement.ci95Low, rc.improvement.ci95High, '%'), share(rc.noChange),
          share(rc.deterioration), interval(rc.deterioration.ci95Low, rc.deterioration.ci95High, '%'),
          valueCell(rc.notAssessable), valueCell(r.improvedPercent, '%'), valueCell(r.unchangedPercent, '%'),
          valueCell(r.worsePercent, '%')];
      }));
  }

  function share(figure) {
    if (isWithheld(figure.count) || isWithheld(figure.percent)) {
      return {withheld: true};
    }
    return {text: figure.count + ' (' + figure.percent + '%)'};
  }

  function renderInvolvement(rows) {
    draw('chart-involvement', {
      type: 'bar',
      data: {
        labels: rows.map((r) => groupLabel(r.group)),
        datasets: [
          {label: 'Took part', data: rows.map((r) => drawn(r.tookPartPercent)), backgroundColor: COLOURS[0],
            heard: {kind: 'tookPart'}},
          {label: 'Views taken into account', data: rows.map((r) => drawn(r.viewsTakenPercent)),
            backgroundColor: COLOURS[1], heard: {kind: 'viewsTaken'}}]
      },
      options: {scales: {y: {min: 0, max: 100, title: {display: true, text: '% of forums'}}}}
    }, 'Bar chart of the shares of forums the person took part in and where their views were taken into account, for '
      + rows.length + ' group(s); the table below gives every figure.');
    table('table-involvement', 'Involvement in forums', ['Group', 'Forums', 'Took part', 'Views taken into account'],
      rows.map((r) => [{text: groupLabel(r.group), header: true}, valueCell(r.forums),
        valueCell(r.tookPartPercent, '%'), valueCell(r.viewsTakenPercent, '%')]));
  }

  function renderOutcomes(row) {
    const outcomes = row ? row.outcomesByDomainAndPerspective : {};
    const domains = Object.keys(DOMAINS);
    const value = (domain, perspective) => outcomes[domain + '/' + perspective];
    draw('chart-outcomes', {
      type: 'bar',
      data: {
        labels: domains.map((d) => DOMAINS[d]),
        datasets: Object.keys(PERSPECTIVES).map((p, i) => ({
          label: PERSPECTIVES[p], data: domains.map((d) => drawn(value(d, p) === undefined ? 0 : value(d, p))),
          backgroundColor: COLOURS[i === 0 ? 3 : 6], heard: {kind: p}
        }))
      },
      options: {scales: {y: {min: 0, title: {display: true, text: 'Outcomes (count)'}}}}
    }, 'Bar chart of outcomes by domain, the service user\'s and the advocate\'s view side by side; the table below'
      + ' gives every figure.');
    table('table-outcomes', 'Outcomes by domain and perspective', ['Domain'].concat(Object.values(PERSPECTIVES)),
      domains.map((d) => [{text: DOMAINS[d], header: true}].concat(Object.keys(PERSPECTIVES).map((p) =>
        valueCell(value(d, p) === undefined ? 0 : value(d, p))))));
  }

  function renderWider(issues) {
    table('table-wider', 'Systemic issues', ['Level', 'Theme', 'Logged on', 'Cases that raised it',
      'Changes achieved', 'Latest change on'], issues.map((i) => [{text: i.level || '', header: true},
      {text: i.theme || '', cls: 'text'}, {text: i.loggedOn || ''}, valueCell(i.linkedCases),
      {text: String(i.changesAchieved.length)},
      {text: i.changesAchieved.length ? i.changesAchieved[i.changesAchieved.length - 1].achievedOn : ''}]));
  }

  async function download(kind) {
    const path = kind === 'series' ? '/api/impact/series?' + seriesParameters()
      : '/api/impact/cohorts?' + cohortParameters(true);
    try {
      const response = await api(path, 'text/csv');
      const disposition = response.headers.get('Content-Disposition') || '';
      const match = /filename="?([^";]+)"?/.exec(disposition);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = match ? match[1] : 'heard.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      status('Downloaded ' + link.download + '.');
    } catch (e) {
      failed(e);
    }
  }

  // ----------------------------------------------------------------------------------------------- person view

  const DAY = 24 * 3600 * 1000;

  function weeksFrom(start, date) {
    return Math.round((Date.parse(date) - start) / DAY / 7 * 10) / 10;
  }

  /** Dashed vertical lines at the milestones (drawn under the data); the table lists them. */
  const milestoneLines = {
    id: 'heardMilestones',
    beforeDatasetsDraw(chart, args, options) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#4a4a4a';
      context.setLineDash([4, 4]);
      (options.at || []).forEach((week) => {
        const position = x.getPixelForValue(week);
        if (position >= area.left && position <= area.right) {
          context.beginPath();
          context.moveTo(position, area.top);
          context.lineTo(position, area.bottom);
          context.stroke();
        }
      });
      context.restore();
    }
  };

  async function loadPerson(personId) {
    status('Loading their progress …');
    const progress = await api('/api/persons/' + encodeURIComponent(personId) + '/progress');
    const dates = progress.milestones.filter((m) => m.kind === 'REFERRAL').map((m) => Date.parse(m.on));
    progress.trajectories.forEach((t) => t.points.forEach((p) => dates.push(Date.parse(p.on))));
    const start = dates.length ? Math.min.apply(null, dates) : Date.now();
    renderReadings(progress, start);
    renderGoals(progress, start);
    renderMilestones(progress, start);
    status('Their progress, as recorded.');
  }

  function renderReadings(progress, start) {
    const datasets = [];
    progress.trajectories.forEach((trajectory, i) => {
      const name = trajectory.frameworkId + ' v' + trajectory.version;
      datasets.push({
        label: name + ' total', yAxisID: 'y', showLine: true, borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length], borderWidth: 2.5, pointRadius: 5,
        data: trajectory.points.map((p) => ({x: weeksFrom(start, p.on), y: Number(p.score)})),
        heard: {kind: 'total', framework: trajectory.frameworkId, version: trajectory.version}
      });
      const subscales = new Set();
      trajectory.points.forEach((p) => Object.keys(p.subscales || {}).forEach((s) => subscales.add(s)));
      Array.from(subscales).sort().forEach((subscale, j) => {
        datasets.push({
          label: name + ' ' + subscale, yAxisID: 'y2', showLine: true,
          borderColor: COLOURS[(j + 1) % COLOURS.length], backgroundColor: COLOURS[(j + 1) % COLOURS.length],
          borderDash: DASHES[(j + 1) % DASHES.length], pointStyle: POINTS[(j + 1) % POINTS.length], pointRadius: 4,
          data: trajectory.points.filter((p) => p.subscales && p.subscales[subscale] !== undefined)
            .map((p) => ({x: weeksFrom(start, p.on), y: Number(p.subscales[subscale])})),
          heard: {kind: 'subscale', subscale: subscale}
        });
      });
    });
    draw('chart-readings', {
      type: 'scatter',
      data: {datasets: datasets},
      plugins: [milestoneLines],
      options: {
        scales: {
          x: {type: 'linear', title: {display: true, text: 'Weeks since the first referral'}},
          y: {position: 'left', title: {display: true, text: 'Total score'}},
          y2: {position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'Subscale score'}}
        },
        plugins: {heardMilestones: {at: progress.milestones.filter((m) => m.kind !== 'REFERRAL'
            && m.kind !== 'FORUM_SCHEDULED').map((m) => weeksFrom(start, m.on))}}
      }
    }, 'Chart of their scores over time on ' + progress.trajectories.length + ' framework version(s); the table'
      + ' below gives every reading.');
    const rows = [];
    progress.trajectories.forEach((t) => t.points.forEach((p) => rows.push([
      {text: p.on, header: true}, {text: t.frameworkId + ' v' + t.version, cls: 'text'},
      {text: TIMEPOINTS[p.timepoint] || p.timepoint, cls: 'text'}, {text: String(weeksFrom(start, p.on))},
      {text: String(p.score)}, {text: String(p.changeFromBaseline)},
      {text: Object.keys(p.subscales || {}).sort().map((s) => s + ' ' + p.subscales[s]).join('; '), cls: 'text'}])));
    table('table-readings', 'Their readings', ['Date', 'Framework', 'Timepoint', 'Weeks', 'Total',
      'Change from baseline', 'Subscales'], rows);
  }

  function renderGoals(progress, start) {
    const datasets = progress.goals.map((goal, i) => ({
      label: 'Goal ' + (i + 1) + ' (' + (DOMAINS[goal.domain] || goal.domain) + ', '
        + (goal.scale === 'GOAL_ATTAINMENT_SCALING' ? 'GAS' : 'GBO') + ')',
      yAxisID: goal.scale === 'GOAL_ATTAINMENT_SCALING' ? 'gas' : 'gbo', showLine: true,
      borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
      borderDash: DASHES[i % DASHES.length], pointStyle: POINTS[i % POINTS.length], pointRadius: 5,
      data: goal.ratings.map((r) => ({x: weeksFrom(start, r.on), y: r.rating})),
      heard: {kind: 'goal', goalId: goal.goalId}
    }));
    draw('chart-goals', {
      type: 'scatter',
      data: {datasets: datasets},
      plugins: [milestoneLines],
      options: {
        scales: {
          x: {type: 'linear', title: {display: true, text: 'Weeks since the first referral'}},
          gas: {position: 'left', min: -2, max: 2, title: {display: true, text: 'GAS (−2 to +2)'}},
          gbo: {position: 'right', min: 0, max: 10, grid: {drawOnChartArea: false},
            title: {display: true, text: 'GBO (0 to 10)'}}
        },
        plugins: {heardMilestones: {at: []}}
      }
    }, 'Chart of ' + progress.goals.length + ' goal(s) rated over time; the table below gives every rating.');
    const rows = [];
    progress.goals.forEach((goal, i) => {
      const ratings = goal.ratings.map((r) => r.on + ': ' + r.rating + ' ('
        + (r.ratedBy === 'ADVOCATE' ? 'advocate' : 'service user') + ')').join('; ');
      rows.push([{text: 'Goal ' + (i + 1), header: true}, {text: DOMAINS[goal.domain] || goal.domain, cls: 'text'},
        {text: goal.scale === 'GOAL_ATTAINMENT_SCALING' ? 'GAS' : 'GBO', cls: 'text'}, {text: goal.setOn || ''},
        {text: ratings, cls: 'text'},
        {text: goal.achievedOn ? 'achieved ' + goal.achievedOn : goal.droppedOn ? 'dropped ' + goal.droppedOn : '',
          cls: 'text'}]);
    });
    table('table-goals', 'Their goals', ['Goal', 'Domain', 'Scale', 'Set on', 'Ratings', 'Ended'], rows);
  }

  function renderMilestones(progress, start) {
    table('table-milestones', 'Forums, legal status, contact and closure', ['Date', 'Weeks', 'What', 'Detail'],
      progress.milestones.map((m) => [{text: m.on, header: true}, {text: String(weeksFrom(start, m.on))},
        {text: MILESTONES[m.kind] || m.kind, cls: 'text'}, {text: m.detail || '', cls: 'text'}]));
  }

  // ----------------------------------------------------------------------------------------- charts and tables

  function draw(canvasId, definition, label) {
    if (charts[canvasId]) {
      charts[canvasId].destroy();
    }
    const canvas = $(canvasId);
    canvas.setAttribute('aria-label', label);
    definition.options = Object.assign({responsive: true, maintainAspectRatio: false, animation: false},
      definition.options);
    charts[canvasId] = new Chart(canvas, definition);
  }

  function table(containerId, caption, headers, rows) {
    const element = document.createElement('table');
    const captionElement = document.createElement('caption');
    captionElement.textContent = caption;
    element.appendChild(captionElement);
    const head = element.createTHead().insertRow();
    headers.forEach((h) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    });
    const body = element.createTBody();
    if (!rows.length) {
      const td = body.insertRow().insertCell();
      td.colSpan = headers.length;
      td.className = 'text';
      td.textContent = 'Nothing recorded yet.';
    }
    rows.forEach((cells) => {
      const row = body.insertRow();
      cells.forEach((c) => {
        const cell = document.createElement(c.header ? 'th' : 'td');
        if (c.header) {
          cell.scope = 'row';
        }
        if (c.withheld) {
          const span = document.createElement('span');
          span.className = 'withheld';
          span.textContent = 'withheld';
          cell.appendChild(span);
        } else {
          cell.textContent = c.text;
        }
        if (c.cls) {
          cell.className = c.cls;
        }
        row.appendChild(cell);
      });
    });
    $(containerId).replaceChildren(element);
  }

  // ------------------------------------------------------------------------------------------------------ start

  async function start() {
    Chart.defaults.color = '#1b1b1b';
    Chart.defaults.font.size = 13;
    signIn.wire(() => config, status, begin, signOut);
    $('view-analyst').addEventListener('click', () => show('analyst'));
    $('view-person').addEventListener('click', () => show('person'));
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      showAnalyst().catch(failed);
    });
    $('f-score').addEventListener('change', () => { if (lastSeries) { renderSeries(); } });
    document.querySelectorAll('button.download').forEach((b) =>
      b.addEventListener('click', () => download(b.dataset.csv)));
    $('person-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const id = $('person-id').value.trim();
      if (id) {
        loadPerson(id).catch(failed);
      }
    });
    config = await (await fetch('config.json')).json();
    await signIn.takeTokenFromAddress(config, (message) => status(message, true));
    begin();
  }

  function begin() {
    const kept = signIn.current();
    if (!kept) {
      token = null;
      claims = null;
      showSignIn();
      return;
    }
    token = kept.token;
    claims = kept.claims;
    status('');
    signedIn();
  }

  window.addEventListener('DOMContentLoaded', () => start().catch(failed));
}());
