using System.Net;
using Platform.Contracts;
using Platform.Notifications.Domain;
using Platform.Notifications.Webhooks;

namespace Platform.Notifications.Tests;

/// <summary>The webhook rules without I/O: event type patterns, receivers' addresses, backoff, secrets, and a name for every event.</summary>
public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("*", "needs.triaged", true)]
    [InlineData("needs.*", "needs.triaged", true)]
    [InlineData("needs.triaged", "needs.triaged", true)]
    [InlineData("needs.*", "challenges.identified", false)]
    [InlineData("needs", "needs.triaged", false)]
    [InlineData("needs.submitted", "needs.triaged", false)]
    public void An_event_type_is_subscribed_by_name_area_or_wildcard(string pattern, string type, bool subscribed) =>
        Assert.Equal(subscribed, WebhookRules.Subscribes([pattern], type));

    [Theory]
    [InlineData("*", true)]
    [InlineData("needs.*", true)]
    [InlineData("efforts.expenditure-recorded", true)]
    [InlineData("webhooks.ping", true)]
    [InlineData("need.*", false)]
    [InlineData("needs.eaten", false)]
    public void Only_known_event_types_and_areas_may_be_named(string pattern, bool known) =>
        Assert.Equal(known, WebhookRules.IsKnownPattern(pattern, WebhookEvents.Types));

    [Fact]
    public void Every_event_of_the_platform_has_a_webhook_name_and_a_subject()
    {
        var events = typeof(IntegrationEvent).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(IntegrationEvent)) && !type.IsAbstract).ToHashSet();
        Assert.Equal(events.OrderBy(type => type.Name), WebhookEvents.EventClasses.OrderBy(type => type.Name));
        Assert.Equal(WebhookEvents.Types.Count, WebhookEvents.Types.Distinct().Count());
    }

    [Theory]
    [InlineData("https://case.trafikverket.se/hooks/platform", false, true)]
    [InlineData("http://127.0.0.1:5000/hook", true, true)]
    [InlineData("http://127.0.0.1:5000/hook", false, false)]
    [InlineData("http://case.example.org/hook", true, false)]
    [InlineData("https://user:pass@example.org/", false, false)]
    [InlineData("https://example.org/#part", false, false)]
    [InlineData("/relative", false, false)]
    [InlineData("", false, false)]
    public void A_receiver_is_https_unless_it_is_loopback_in_Development(string url, bool allowLoopback, bool accepted) =>
        Assert.Equal(accepted, WebhookRules.UrlProblem(url, allowLoopback) is null);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.8", true)]
    [InlineData("172.20.1.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("193.10.5.1", false)]
    [InlineData("2a00:1450:4010:c05::71", false)]
    public void Loopback_private_link_local_and_metadata_addresses_are_never_reached(string address, bool forbidden) =>
        Assert.Equal(forbidden, WebhookRules.IsForbiddenAddress(IPAddress.Parse(address)));

    [Fact]
    public void Retries_back_off_exponentially_to_the_longest_wait_and_jitter_takes_up_to_half_off()
    {
        var (first, most) = (TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromSeconds(5), WebhookRules.Backoff(1, first, most, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(40), WebhookRules.Backoff(4, first, most, jitter: 0));
        Assert.Equal(TimeSpan.FromHours(1), WebhookRules.Backoff(20, first, most, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(20), WebhookRules.Backoff(4, first, most, jitter: 1));
        Assert.Equal(TimeSpan.FromHours(1), WebhookRules.Backoff(int.MaxValue, first, most, jitter: 0));
    }

    [Fact]
    public void Spans_are_told_in_days_hours_or_seconds_in_both_languages()
    {
        Assert.Equal("3 days", WebhookRules.Describe(TimeSpan.FromDays(3), swedish: false));
        Assert.Equal("3 dygn", WebhookRules.Describe(TimeSpan.FromDays(3), swedish: true));
        Assert.Equal("1.5 hours", WebhookRules.Describe(TimeSpan.FromMinutes(90), swedish: false));
        Assert.Equal("5 sekunder", WebhookRules.Describe(TimeSpan.FromSeconds(5), swedish: true));
    }

    [Fact]
    public void A_secret_is_32_random_bytes_in_the_Standard_Webhooks_form()
    {
        var (one, other) = (WebhookRules.NewSecret(), WebhookRules.NewSecret());
        Assert.StartsWith("whsec_", one);
        Assert.Equal(32, Convert.FromBase64String(one["whsec_".Length..]).Length);
        Assert.NotEqual(one, other);
    }
}
