/*
 * Heard's stream-status page for operations: reporting-service's consumer and its lag per partition, the write
 * services' outboxes (asked by reporting-service), the parked records with replay and resolve, and the rebuild.
 * Refreshes itself on a timer and says as of when. Nothing here is personal data; every action is audited by the API.
 */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const signIn = window.HeardSignIn;
  let config = null;
  let token = null;
  let claims = null;
  let timer = null;
  let paused = false;
  let loading = false;
  let refreshFailed = false;
  let again = false;

  function roles() {
    return claims && Array.isArray(claims.roles) ? claims.roles : [];
  }

  function status(message, error) {
    $('status').textContent = message || '';
    $('status').classList.toggle('error', Boolean(error));
  }

  // ------------------------------------------------------------------------------------------------------ API

  async function api(path, method) {
    const response = await fetch(path, {
      method: method || 'GET', headers: {Authorization: 'Bearer ' + token, Accept: 'application/json'}
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
      } catch (e) { /* not problem+json */ }
      throw new Error(detail);
    }
    return response.json();
  }

  // --------------------------------------------------------------------------------------------------- tables

  /** A cell: text, or {text, alarm} (the word says it; the style only adds to it), or an element. */
  function fill(cell, value) {
    if (value instanceof Node) {
      cell.appendChild(value);
    } else if (value && typeof value === 'object') {
      cell.textContent = value.text;
      if (value.alarm) {
        cell.classList.add('alarm');
      }
    } else {
      cell.textContent = value === null || value === undefined ? '' : String(value);
    }
  }

  /** A table with a caption, column headers and each row's first cell as its row header. */
  function table(containerId, caption, headers, rows, empty) {
    if (!rows.length) {
      const none = document.createElement('p');
      none.textContent = empty;
      $(containerId).replaceChildren(none);
      return;
    }
    const element = document.createElement('table');
    element.createCaption().textContent = caption;
    const head = element.createTHead().insertRow();
    headers.forEach((h) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    });
    const body = element.createTBody();
    rows.forEach((values) => {
      const row = body.insertRow();
      values.forEach((value, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) {
          cell.scope = 'row';
        }
        if (i > 0 && !(typeof value === 'string' && /^-?[0-9.]+$/.test(value))) {
          cell.classList.add('text'); // words to the left, figures to the right
        }
        fill(cell, value);
        row.appendChild(cell);
      });
    });
    $(containerId).replaceChildren(element);
  }

  function facts(listId, pairs) {
    const list = $(listId);
    list.replaceChildren();
    pairs.forEach(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      fill(dd, value);
      list.append(dt, dd);
    });
  }

  function time(instant) {
    return instant ? new Date(instant).toLocaleString('en-GB', {timeZoneName: 'short'}) : '';
  }

  function seconds(value) {
    return value === null || value === undefined ? '' : Number(value).toFixed(1);
  }

  function offset(value) {
    return value === null || value === undefined ? 'none' : String(value);
  }

  // ------------------------------------------------------------------------------------------------- sections

  function renderStreams(streams) {
    let state;
    if (streams.writesFailing) {
      state = {alarm: true, text: 'Writes failing since ' + time(streams.writesFailing.since) + ' ('
          + streams.writesFailing.error + ', ' + streams.writesFailing.attempts + ' attempts); the consumer keeps its'
          + ' place and retries'};
    } else if (streams.stalled) {
      state = {alarm: true, text: 'Stalled: records are waiting and nothing has been applied'};
    } else if (streams.lagRecords > 0) {
      state = 'Applying: ' + streams.lagRecords + ' records behind';
    } else {
      state = 'Caught up';
    }
    facts('consumer', [
      ['State', state],
      ['Consumer group', streams.consumerGroup],
      ['Records behind', String(streams.lagRecords)],
      ['Oldest record not applied', seconds(streams.lagSeconds) + ' s'],
      ['Live projections', 'generation ' + streams.liveGeneration],
      ['Parked records', streams.deadLettersParked > 0
        ? {alarm: true, text: streams.deadLettersParked + ' parked'} : 'none parked']
    ]);
    table('table-partitions', 'Per partition: offsets and lag', ['Topic and partition', 'End offset',
      'Held by the projections', 'Committed by the group', 'Lag (records)', 'Lag (seconds)', 'State'],
    streams.partitions.map((p) => [p.topic + ' / ' + p.partition, String(p.endOffset), offset(p.heldOffset),
      offset(p.committedOffset), String(p.lagRecords), seconds(p.lagSeconds),
      p.lagRecords === 0 ? 'caught up'
        : streams.stalled ? {alarm: true, text: 'behind, stalled'} : 'behind']),
    'No event topic found on Kafka.');
    renderRebuild(streams.rebuild);
  }

  function renderRebuild(rebuild) {
    if (!rebuild) {
      facts('rebuild', [['State', 'No rebuild since this instance started']]);
      return;
    }
    const pairs = [['State', rebuild.state === 'FAILED' ? {alarm: true, text: 'Failed: ' + (rebuild.failure || '')}
      : String(rebuild.state).toLowerCase().replace(/_/g, ' ')]];
    pairs.push(['Live generation', String(rebuild.liveGeneration)]);
    if (rebuild.generation !== null && rebuild.generation !== undefined) {
      pairs.push(['Generation built', String(rebuild.generation)]);
      pairs.push(['Records read', rebuild.records + ' of ' + rebuild.totalRecords + ' (' + rebuild.percent + '%)']);
      pairs.push(['Skipped', String(rebuild.skipped)]);
    }
    if (rebuild.startedAt) {
      pairs.push(['Started', time(rebuild.startedAt)]);
    }
    if (rebuild.finishedAt) {
      pairs.push(['Finished', time(rebuild.finishedAt)]);
    }
    facts('rebuild', pairs);
  }

  function renderOutboxes(outboxes) {
    table('table-outboxes', 'Events stored and not yet acknowledged by Kafka', ['Write service',
      'Not yet acknowledged (events)', 'Oldest waiting (seconds)', 'Oldest stored at', 'Newest stored event',
      'Published through', 'State'],
    outboxes.services.map((s) => {
      if (!s.outbox) {
        return [s.service, '', '', '', '', '', {alarm: true, text: 'Not known: ' + s.problem}];
      }
      const o = s.outbox;
      return [s.service, String(o.pendingEvents), seconds(o.oldestPendingAgeSeconds), time(o.oldestPendingStoredAt),
        String(o.headGlobalIndex), String(o.publishedThrough),
        o.pendingEvents > 0 ? {alarm: o.oldestPendingAgeSeconds > 60, text: 'waiting for Kafka'} : 'empty'];
    }), 'No write service is configured (heard.operations.case-service-url, …-outcome-service-url).');
  }

  function action(label, place, path, done) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-label', label + ' the record parked at ' + place);
    button.addEventListener('click', () => {
      button.disabled = true;
      refreshFailed = false;
      api(path, 'POST').then((record) => {
        status(done + ' the record parked at ' + place + (record.originTopic ? ' (from ' + record.originTopic + ')' : '')
          + '. Recorded in the audit trail.');
        return refresh();
      }).catch((e) => {
        button.disabled = false;
        if (e.message !== 'not signed in') {
          status('Could not ' + label.toLowerCase() + ' the record parked at ' + place + ': ' + e.message, true);
        }
      });
    });
    return button;
  }

  function renderDeadLetters(deadLetters) {
    table('table-reasons', 'Parked records by reason', ['Reason', 'Parked'],
      Object.entries(deadLetters.byReason).map(([reason, count]) => [reason, String(count)]),
      'No record is parked.');
    const all = $('show-all').checked;
    const shown = deadLetters.records.filter((r) => all || r.status === 'PARKED');
    table('table-dead-letters', all ? 'Every record on the dead-letter topic' : 'Records parked', ['Place',
      'Parked at', 'From', 'Reason', 'Event type', 'Event id', 'Status', 'Actions'],
    shown.map((r) => {
      const place = r.partition + '@' + r.offset;
      const actions = document.createElement('span');
      if (r.status === 'PARKED') {
        actions.append(action('Replay', place, '/api/operations/dead-letters/' + r.partition + '/' + r.offset
          + '/replay', 'Replayed'), ' ', action('Mark resolved', place, '/api/operations/dead-letters/'
          + r.partition + '/' + r.offset + '/resolution', 'Marked resolved'));
      }
      return [place, time(r.parkedAt), (r.originTopic || 'unknown') + (r.originPartition === null ? ''
        : ' ' + r.originPartition + '@' + r.originOffset), r.reason || 'unknown', r.eventType || '',
      r.eventId || '', r.status.toLowerCase() + (r.actionBy ? ' by ' + r.actionBy + ' at ' + time(r.actionAt) : ''),
      actions];
    }), all ? 'The dead-letter topic is empty.' : 'No record is parked.');
  }

  // -------------------------------------------------------------------------------------------------- refresh

  async function refresh() {
    if (loading) {
      again = true; // asked for while one is under way (after an action): once more when it is done
      return;
    }
    if (!token) {
      return;
    }
    loading = true;
    try {
      const [streams, outboxes, deadLetters] = await Promise.allSettled([api('/api/operations/streams'),
        api('/api/operations/outboxes'), api('/api/operations/dead-letters')]);
      // a refresh redraws the tables: give the focus back to the same control, or keyboard users lose their place.
      // Read it now, just before the redraw, not before the answers came: the user may have moved on meanwhile.
      const focused = document.activeElement && document.activeElement.getAttribute('aria-label');
      const problems = [];
      if (streams.status === 'fulfilled') {
        renderStreams(streams.value);
        $('as-of').textContent = time(streams.value.at);
        $('as-of').dateTime = streams.value.at;
      } else {
        problems.push('the streams (' + streams.reason.message + ')');
      }
      if (outboxes.status === 'fulfilled') {
        renderOutboxes(outboxes.value);
      } else {
        problems.push('the outboxes (' + outboxes.reason.message + ')');
      }
      if (deadLetters.status === 'fulfilled') {
        renderDeadLetters(deadLetters.value);
      } else {
        problems.push('the parked records (' + deadLetters.reason.message + ')');
      }
      if (!token) {
        return;
      }
      if (focused && document.activeElement === document.body) {
        const again = Array.from(document.querySelectorAll('button[aria-label]'))
          .find((b) => b.getAttribute('aria-label') === focused);
        if (again) {
          again.focus();
        }
      }
      // an action's answer stays until the next action; a failed refresh's message until a refresh succeeds
      if (problems.length) {
        status('Could not refresh ' + problems.join(', ') + '; what is shown of them is as it was at the last'
          + ' refresh.', true);
        refreshFailed = true;
      } else if (refreshFailed) {
        status('');
        refreshFailed = false;
      }
    } finally {
      loading = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }

  function schedule() {
    clearInterval(timer);
    timer = paused ? null : setInterval(() => refresh(), config.operationsRefreshSeconds * 1000);
    $('refresh-every').textContent = paused ? 'Automatic refresh is paused.'
      : 'Refreshes itself every ' + config.operationsRefreshSeconds + ' s.';
  }

  // -------------------------------------------------------------------------------------------------- sign-in

  function showSignIn() {
    $('sign-in').hidden = false;
    $('sign-in-development').hidden = config.signIn !== 'development-token';
    $('sign-in-oidc').hidden = config.signIn !== 'oidc';
  }

  function signOut(message) {
    signIn.forget();
    token = null;
    claims = null;
    clearInterval(timer);
    $('operations').hidden = true;
    $('who').hidden = true;
    showSignIn();
    status(message || 'Signed out.');
  }

  function begin() {
    const kept = signIn.current();
    if (!kept) {
      showSignIn();
      return;
    }
    token = kept.token;
    claims = kept.claims;
    $('sign-in').hidden = true;
    $('who').hidden = false;
    $('who-text').textContent = 'Signed in as ' + (claims.sub || 'unknown') + ' (' + roles().join(', ') + ')';
    if (!roles().includes('operations')) {
      status('This sign-in does not have the role operations, which this page needs.', true);
      return;
    }
    status('');
    $('operations').hidden = false;
    schedule();
    refresh();
  }

  async function start() {
    signIn.wire(() => config, status, begin, signOut);
    $('refresh').addEventListener('click', () => refresh());
    $('pause').addEventListener('click', () => {
      paused = !paused;
      $('pause').setAttribute('aria-pressed', String(paused));
      $('pause').textContent = paused ? 'Resume automatic refresh' : 'Pause automatic refresh';
      schedule();
    });
    $('show-all').addEventListener('change', () => refresh());
    config = await (await fetch('config.json')).json();
    await signIn.takeTokenFromAddress(config, (message) => status(message, true));
    begin();
  }

  window.addEventListener('DOMContentLoaded', () => start().catch((e) => status('Could not start: ' + e.message,
    true)));
}());
