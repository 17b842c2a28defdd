namespace CrisisHub.Server.Tests;

/// <summary>
/// MonitoringFiles.MetricNames() decides which names a real /metrics scrape must show, so its tokenizer must neither
/// miss a metric nor take a function, keyword, label or Grafana variable for one.
/// </summary>
public sealed class MonitoringFilesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le, deadline) (rate(lateness_seconds_bucket[5m]))) > 5", "lateness_seconds")]
    [InlineData("up{job=\"crisishub\"} == 0", "up")]
    [InlineData("time() - last_success > 600 and last_success > 0", "last_success")]
    [InlineData("silos < on () group_left () count(up{job=\"crisishub\"} == 1)", "silos up")]
    [InlineData("up == 1 unless on(instance) last_success > 0", "last_success up")]
    [InlineData("a_total / (b_total or a_total * 0) > bool 0.25", "a_total b_total")]
    [InlineData("sum(rate(h_count{code=~\"5..\"}[$__rate_interval])) by (instance) / sum without(instance, job) (rate(h_sum[5m] offset 1h))", "h")]
    [InlineData("g_bucket + g_sum + g_count", "g")]
    [InlineData("max by (grade) (open{instance=~\"$node\", le=\"}\", x='{'})", "open")]
    [InlineData("label_replace(z, \"dst\", \"$1\", \"src\", \"(.*)\")", "z")]
    [InlineData("1e-9 + job:requests:rate5m * Inf - NaN", "job:requests:rate5m")]
    [InlineData("SUM BY (le) (RATE(q_bucket[5m:1m] @ start()))", "q")]
    [InlineData("topk(5, w) # comment naming not_a_metric", "w")]
    [InlineData("x * ${scale} + y * $__interval_ms", "x y")]
    [InlineData("count_values(\"version\", build_info) atan2 other", "build_info other")]
    [InlineData("histogram_quantile(0.99, sum by (le, instance) (rate(orleans_w_milliseconds_bucket[5m]))) / 1000 > 0.5\nor\nhistogram_quantile(0.99, sum by (le) (rate(c_seconds_bucket[5m]))) > 0.5", "c_seconds orleans_w_milliseconds")]
    [InlineData("sum by (le) (rate(x[5m]))", "x")]
    public void MetricNamesInFindsExactlyTheMetrics(string expression, string expected) =>
        MonitoringFiles.MetricNamesIn(expression).ShouldBe(expected.Split(' '));

    [Fact]
    public void TheShippedRulesAndDashboardUseExactlyTheseMetrics()
    {
        // A new name here is a promise that the server exports it: check it on a real node's /metrics.
        MonitoringFiles.MetricNames().ShouldBe(
        [
            "crisishub_alert_acknowledge_duration_seconds", "crisishub_alert_first_push_duration_seconds", "crisishub_alerts_raised_total",
            "crisishub_canary_duration_seconds", "crisishub_canary_last_success_time_seconds", "crisishub_canary_runs_total",
            "crisishub_cases_open", "crisishub_cluster_silos", "crisishub_deadline_lateness_seconds", "crisishub_escalation_exhausted_total",
            "crisishub_escalation_steps_total", "crisishub_flags_received_total", "crisishub_hub_connections", "crisishub_push_deliveries_total",
            "crisishub_referral_deadlines_missed_total", "crisishub_sms_failed_total", "crisishub_sms_provider_duration_seconds",
            "crisishub_sms_queued_total", "crisishub_sms_sent_total", "crisishub_storage_write_batch_size", "crisishub_storage_write_duration_seconds",
            "crisishub_webpush_sent_total", "http_server_request_duration_seconds", "orleans_storage_write_latency_milliseconds", "up",
        ]);
        MonitoringFiles.ScrapedMetricNames().ShouldNotContain("up");
        MonitoringFiles.ScrapedMetricNames().Count.ShouldBe(MonitoringFiles.MetricNames().Count - 1);
    }
}
