// Prometheus text exposition (format 0.0.4) of what the server does: requests and latency per
// route, lists loaded, audit entries written. Kept by hand: a handful of series, no dependency.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface RouteSeries {
  counts: Map<number, number>; // status -> count
  buckets: number[];
  sum: number;
  total: number;
}

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class Metrics {
  private readonly routes = new Map<string, RouteSeries>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let s = this.routes.get(key);
    if (!s) this.routes.set(key, (s = { counts: new Map(), buckets: BUCKETS.map(() => 0), sum: 0, total: 0 }));
    s.counts.set(status, (s.counts.get(status) ?? 0) + 1);
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
    s.sum += seconds;
    s.total += 1;
  }

  render(gauges: { lists: Record<string, string>; listEntities: Record<string, number>; auditEntries: number; auditAppended: number; ready: boolean }): string {
    const out: string[] = [];
    out.push('# HELP interdict_http_requests_total HTTP requests by route and status.', '# TYPE interdict_http_requests_total counter');
    for (const [key, s] of this.routes) {
      const [method, route] = key.split(' ') as [string, string];
      for (const [status, n] of s.counts) out.push(`interdict_http_requests_total{method="${method}",route="${label(route)}",status="${status}"} ${n}`);
    }
    out.push('# HELP interdict_http_request_duration_seconds Request latency by route.', '# TYPE interdict_http_request_duration_seconds histogram');
    for (const [key, s] of this.routes) {
      const [method, route] = key.split(' ') as [string, string];
      const l = `method="${method}",route="${label(route)}"`;
      BUCKETS.forEach((b, i) => out.push(`interdict_http_request_duration_seconds_bucket{${l},le="${b}"} ${s.buckets[i]}`));
      out.push(`interdict_http_request_duration_seconds_bucket{${l},le="+Inf"} ${s.total}`);
      out.push(`interdict_http_request_duration_seconds_sum{${l}} ${s.sum}`);
      out.push(`interdict_http_request_duration_seconds_count{${l}} ${s.total}`);
    }
    out.push('# HELP interdict_lists_loaded Sanctions lists the screener serves (1 per source, version as label).', '# TYPE interdict_lists_loaded gauge');
    for (const [source, version] of Object.entries(gauges.lists)) out.push(`interdict_lists_loaded{source="${label(source)}",version="${label(version)}"} 1`);
    out.push('# HELP interdict_list_entities Entities in the served version of each list.', '# TYPE interdict_list_entities gauge');
    for (const [source, n] of Object.entries(gauges.listEntities)) out.push(`interdict_list_entities{source="${label(source)}"} ${n}`);
    out.push('# HELP interdict_audit_entries Entries in the audit chain (head seq).', '# TYPE interdict_audit_entries gauge', `interdict_audit_entries ${gauges.auditEntries}`);
    out.push('# HELP interdict_audit_appended_total Audit entries this instance appended.', '# TYPE interdict_audit_appended_total counter', `interdict_audit_appended_total ${gauges.auditAppended}`);
    out.push('# HELP interdict_ready 1 when the screener is loaded.', '# TYPE interdict_ready gauge', `interdict_ready ${gauges.ready ? 1 : 0}`);
    return `${out.join('\n')}\n`;
  }
}
