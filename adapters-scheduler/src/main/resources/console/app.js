// catalog-sync console: reads GET /status every few seconds and offers the runbook's actions.
// No framework, nothing fetched from elsewhere; data is written with textContent only, never as HTML.
"use strict";

(function () {
  const REFRESH_MS = 3000;
  const TOKEN_KEY = "catalog-sync-token";
  const ACTOR_KEY = "catalog-sync-actor";
  const SVG = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);
  let status = null;       // the last good answer
  let lastGoodAt = null;   // when it came
  let timer = null;

  function headers(json) {
    const h = { "Accept": "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) h["Authorization"] = "Bearer " + token;
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  // The time alone today, with the date on any other day.
  function time(iso) {
    if (!iso) return "–";
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    return d.toDateString() === new Date().toDateString()
      ? d.toLocaleTimeString([], { hour12: false })
      : d.toLocaleString([], { hour12: false });
  }

  function dateTime(iso) {
    if (!iso) return "–";
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString([], { hour12: false });
  }

  function number(n) {
    return n === undefined || n === null ? "–" : Number(n).toLocaleString("en-US");
  }

  function text(id, value) {
    $(id).textContent = value;
  }

  function cell(row, value, className) {
    const td = document.createElement("td");
    td.textContent = value === undefined || value === null ? "–" : String(value);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, columns, emptyText) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    if (!rows || rows.length === 0) {
      const tr = body.insertRow();
      const td = cell(tr, emptyText, "empty");
      td.colSpan = $(tableId).tHead.rows[0].cells.length;
      return;
    }
    for (const row of rows) {
      const tr = body.insertRow();
      for (const [value, className] of columns(row)) cell(tr, value, className);
    }
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  function render(s) {
    document.body.classList.remove("stale");
    const enabled = s.ci_process_catalog_resource_sync_events;
    const flag = $("flag-state");
    flag.textContent = enabled ? "enabled" : "disabled";
    flag.className = "flag " + (enabled ? "on" : "off");
    const change = s.flag && s.flag.last_change;
    text("flag-change", change
      ? "by " + change.actor + " (" + change.origin + ") at " + dateTime(change.changed_at)
      : "never changed: the shipped default");
    const toggle = $("toggle-flag");
    toggle.textContent = enabled ? "Turn the flag off" : "Turn the flag on";
    toggle.dataset.enable = String(!enabled);

    text("pending-events", String(s.pending_events));
    text("estimated-total", String(s.estimated_total_events));
    text("oldest-pending-age", s.pending_events === 0 ? "0" : s.oldest_pending_age_seconds.toFixed(1));
    text("next-cron-tick", s.next_cron_tick ? time(s.next_cron_tick) : "none scheduled");

    const check = s.last_drift_check;
    text("last-drift-check", check ? check.outcome : "never run");
    text("last-drift-check-by", check ? "by " + check.actor + " (" + check.origin + ") at "
      + dateTime(check.performed_at) : "run reconcile below, or schedule it with --reconcile-cron");

    const failure = s.last_failure;
    text("last-failure", failure ? failure.message : "none since this instance started");
    text("last-failure-at", failure ? "at " + dateTime(failure.at) : "");
    $("last-failure").className = failure ? "outcome-failed" : "";

    renderRate(s.processed_per_second);

    fill("runs", (s.recent_worker_runs || []).slice(0, 10), (r) => [
      [time(r.started_at)],
      [r.outcome + (r.error ? ": " + r.error : ""), r.outcome === "failed" ? "outcome-failed wrap" : "outcome-"
        + r.outcome],
      [(r.duration_seconds * 1000).toFixed(0) + " ms", "num"],
      [r.estimated_total_events, "num"],
      [r.consumable_events, "num"],
      [r.processed_events, "num"],
    ], "No run yet on this instance.");

    const p = s.partition_details;
    const partitionRows = [];
    if (p) {
      for (const a of p.attached) partitionRows.push([a.value, a.state, a.pending_events, a.processed_events,
        a.oldest_event_at ? dateTime(a.oldest_event_at) : "empty"]);
      for (const d of p.detached) partitionRows.push([d.value, "detached, awaiting drop", "–", "–",
        "detached " + dateTime(d.detached_at)]);
      text("partitions-caption", "Exact counts, read at " + time(p.read_at) + " (at most every 30 s). New events land in "
        + "partition " + p.active_partition + ".");
    }
    fill("partitions", partitionRows, (r) => [[r[0], "num"], [r[1]], [number(r[2]), "num"], [number(r[3]), "num"],
      [r[4]]], "No partition.");

    const enqueueRows = [];
    for (const [path, outcomes] of Object.entries(s.enqueues || {})) {
      for (const [outcome, count] of Object.entries(outcomes)) enqueueRows.push([path, outcome, count]);
    }
    fill("enqueues", enqueueRows, (r) => [[r[0]], [r[1]], [number(r[2]), "num"]], "No enqueue yet.");

    fill("instances", s.instances, (i) => [
      [i.name + (i.name === s.instance ? " (this one)" : "")],
      [dateTime(i.started_at)],
      [time(i.last_seen_at)],
      [i.running.length ? i.running.join(", ") : "idle"],
    ], "None seen in the last 30 seconds.");

    fill("operations", s.recent_operations, (o) => [
      [dateTime(o.performed_at)], [o.kind.replace(/_/g, " ")], [o.actor + " (" + o.origin + ")"],
      [o.outcome, "wrap"],
    ], "None recorded yet.");
  }

  function renderRate(rate) {
    const chart = $("rate-chart");
    chart.replaceChildren();
    if (!rate) return;
    const values = rate.per_second;
    const max = Math.max(1, ...values);
    const width = 900 / values.length;
    const baseline = document.createElementNS(SVG, "line");
    baseline.setAttribute("class", "baseline");
    baseline.setAttribute("x1", "0"); baseline.setAttribute("x2", "900");
    baseline.setAttribute("y1", "159.5"); baseline.setAttribute("y2", "159.5");
    chart.appendChild(baseline);
    values.forEach((v, i) => {
      if (v <= 0) return;
      const h = Math.max(2, (v / max) * 150);
      const bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("class", "bar");
      bar.setAttribute("x", String(i * width + 1));
      bar.setAttribute("width", String(Math.max(1, width - 2)));
      bar.setAttribute("y", String(160 - h));
      bar.setAttribute("height", String(h));
      chart.appendChild(bar);
    });
    text("rate-scale", "Scale: 0 to " + max.toLocaleString("en-US", { maximumFractionDigits: 1 }) + " events/s");
    const now = values[values.length - 1];
    text("rate-summary", number(rate.processed_events) + " events in the last 15 minutes; peak "
      + Math.max(...values).toFixed(1) + "/s; last 10 s " + now.toFixed(1) + "/s.");
  }

  function showOutage(message) {
    document.body.classList.add("stale");
    const banner = $("outage");
    banner.replaceChildren();
    const strong = document.createElement("strong");
    strong.textContent = message;
    banner.appendChild(strong);
    banner.appendChild(document.createTextNode(lastGoodAt
      ? " The figures are unknown until it answers again; the tables show the last answer, from "
        + lastGoodAt.toLocaleTimeString([], { hour12: false }) + "."
      : " Nothing could be read yet."));
    banner.hidden = false;
    for (const id of ["pending-events", "estimated-total", "oldest-pending-age", "next-cron-tick", "last-drift-check"]) {
      text(id, "–");
    }
    for (const id of ["flag-change", "last-drift-check-by"]) text(id, "");
    text("flag-state", "unknown");
    $("flag-state").className = "flag";
    const connection = $("connection");
    connection.textContent = "Not live: " + message;
    connection.className = "connection down";
  }

  // ---- refresh -----------------------------------------------------------------------------------------------

  async function refresh() {
    clearTimeout(timer);
    try {
      const response = await fetch("/status", { headers: headers(false), cache: "no-store" });
      if (response.status === 401 || response.status === 403) {
        askForToken(response.status === 401
          ? "This service needs its token to show the status."
          : "The token was refused: enter the service's token.");
        showOutage("The token is missing or wrong.");
      } else if (response.status === 503) {
        const body = await response.json().catch(() => ({}));
        showOutage("The service cannot reach the database" + (body.error ? " (" + body.error + ")." : "."));
      } else if (!response.ok) {
        showOutage("The status could not be read (HTTP " + response.status + ").");
      } else {
        status = await response.json();
        lastGoodAt = new Date();
        $("outage").hidden = true;
        render(status);
        const connection = $("connection");
        connection.textContent = "Live: updated " + lastGoodAt.toLocaleTimeString([], { hour12: false })
          + ", every " + REFRESH_MS / 1000 + " s" + (status.instance ? " by " + status.instance : "");
        connection.className = "connection live";
        connection.dataset.generatedAt = status.generated_at;
      }
    } catch (e) {
      showOutage("The service does not answer.");
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  // ---- token and name ----------------------------------------------------------------------------------------

  function askForToken(reason) {
    text("access-reason", reason);
    const access = $("access");
    if (!access.open) {
      access.open = true;
      $("token").focus();
    }
  }

  function saveAccess(event) {
    event.preventDefault();
    const token = $("token").value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    const actor = $("actor").value.trim();
    if (actor) sessionStorage.setItem(ACTOR_KEY, actor); else sessionStorage.removeItem(ACTOR_KEY);
    $("token").value = "";
    $("token").placeholder = token ? "saved for this tab" : "";
    $("access").open = false;
    refresh();
  }

  // ---- actions -----------------------------------------------------------------------------------------------

  function describe(action) {
    switch (action) {
      case "flag":
        return $("toggle-flag").dataset.enable === "true"
          ? "Turn the sync flag ON for every instance? The backlog starts draining within a second."
          : "Turn the sync flag OFF for every instance? No batch starts; events keep queuing until it is on again.";
      case "partition-round":
        return "Run a partition round now (create, detach and drop partitions as the policy says)?";
      case "reconcile":
        return $("reconcile-repair").checked
          ? "Compare every catalog resource with its project now, and queue a sync event for each that drifted?"
          : "Compare every catalog resource with its project now (changes nothing)?";
      default:
        return "Enqueue the sync worker now? It runs once, and again while events remain and the flag is on.";
    }
  }

  function body(action) {
    const b = {};
    const actor = sessionStorage.getItem(ACTOR_KEY);
    if (actor) b.actor = actor;
    if (action === "flag") b.enabled = $("toggle-flag").dataset.enable === "true";
    if (action === "reconcile") b.repair = $("reconcile-repair").checked;
    return b;
  }

  function confirmThen(action, run) {
    const dialog = $("confirm");
    text("confirm-text", describe(action));
    dialog.returnValue = "";
    dialog.onclose = () => { if (dialog.returnValue === "confirm") run(); };
    dialog.showModal();
    $("confirm-cancel").focus();
  }

  async function perform(action, button) {
    const result = $("action-result");
    button.disabled = true;
    result.className = "result";
    result.textContent = "Working…";
    try {
      const response = await fetch("/actions/" + action, {
        method: "POST", headers: headers(true), body: JSON.stringify(body(action)), cache: "no-store",
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        result.className = "result ok";
        result.textContent = "Done: " + summary(action, answer);
      } else {
        result.className = "result failed";
        result.textContent = "Refused (HTTP " + response.status + "): " + (answer.error || "no reason given");
        if (response.status === 401 || response.status === 403) askForToken("This action needs the token.");
      }
    } catch (e) {
      result.className = "result failed";
      result.textContent = "The service did not answer; the action may not have run.";
    } finally {
      button.disabled = false;
      refresh();
    }
  }

  function summary(action, a) {
    switch (action) {
      case "flag": return "the flag is " + (a.enabled ? "enabled" : "disabled") + " (recorded as " + a.actor + ").";
      case "reconcile": return "checked " + a.checked + ", drifted " + a.drifted + ", queued " + a.queued + ".";
      case "partition-round": return a.outcome === "completed"
        ? "partition round done; new events land in partition " + a.active_partition + "."
        : "another partition round was running; nothing changed.";
      default: return "the worker is enqueued.";
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("actor").value = sessionStorage.getItem(ACTOR_KEY) || "";
    if (sessionStorage.getItem(TOKEN_KEY)) $("token").placeholder = "saved for this tab";
    $("access-form").addEventListener("submit", saveAccess);
    for (const button of document.querySelectorAll("button[data-action]")) {
      button.addEventListener("click", () => confirmThen(button.dataset.action, () => perform(button.dataset.action,
        button)));
    }
    refresh();
  });
})();
