using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;

namespace Platform.Notifications.Domain;

/// <summary>An entry of an actor's feed: what happened to something of its, in words its users read.</summary>
public sealed record FeedEntry(Guid ActorId, string Kind, string SubjectId, string Text);

/// <summary>What the service knows of an event's need, effort or forum when it writes the feed.</summary>
public sealed record FeedFacts(Guid? NeedSubmitter = null, string? NeedReference = null, string? EffortTitle = null, IReadOnlyList<Guid>? EffortActors = null, string? ForumName = null);

public static class NotificationDeliveries
{
    public const string None = "none";
    public const string Immediate = "immediate";
    public const string Daily = "daily";

    public static readonly IReadOnlyList<string> All = [None, Immediate, Daily];
}

/// <summary>
/// Who is told what: a need's submitter when it is triaged, linked to a challenge or resolved; an effort's lead and
/// participants when it is launched, revised, reports progress or completes; an actor when it joins or leaves a forum
/// or takes another role in it. The words are Swedish, as the platform's users read them.
/// </summary>
public static class FeedRules
{
    public static IReadOnlyList<FeedEntry> EntriesFor(IIntegrationEvent @event, FeedFacts facts) => @event switch
    {
        NeedTriaged e when facts.NeedSubmitter is { } submitter => [new(submitter, "need-triaged", $"need:{e.NeedId}", e.Decision == "reject"
            ? $"Behovet {facts.NeedReference} har avvisats{(string.IsNullOrWhiteSpace(e.Reason) ? "." : $": {e.Reason}")}"
            : $"Behovet {facts.NeedReference} har granskats och godkänts.")],
        NeedLinkedToChallenge e when facts.NeedSubmitter is { } submitter => [new(submitter, "need-linked", $"need:{e.NeedId}",
            $"Behovet {facts.NeedReference} ingår nu i en utmaning{(e.CrossCounty ? " som berör båda länen" : string.Empty)}.")],
        NeedResolved e when facts.NeedSubmitter is { } submitter => [new(submitter, "need-resolved", $"need:{e.NeedId}", $"Behovet {facts.NeedReference} är löst.")],
        EffortLaunched e => [new(e.LeadActorId, "effort-launched", $"effort:{e.EffortId}", $"Insatsen ”{e.Title}”, som er organisation leder, har startats.")],
        EffortRevised e => Effort(facts, e.EffortId, "effort-revised", $"Insatsen ”{e.Title}” har ändrats."),
        EffortProgressReported e => Effort(facts, e.EffortId, "effort-progress", $"Insatsen ”{facts.EffortTitle}” har rapporterat framsteg: {e.ProgressPercent} %."),
        EffortCompleted e => Effort(facts, e.EffortId, "effort-completed", $"Insatsen ”{facts.EffortTitle}” är avslutad."),
        ForumMemberAdded e => [new(e.ActorId, "forum-joined", $"forum:{e.ForumId}", $"Er organisation är nu med i forumet ”{facts.ForumName}” som {Role(e.Role)}.")],
        ForumMemberRemoved e => [new(e.ActorId, "forum-left", $"forum:{e.ForumId}", $"Er organisation är inte längre med i forumet ”{facts.ForumName}”.")],
        ForumMemberRoleChanged e => [new(e.ActorId, "forum-role", $"forum:{e.ForumId}", $"Er organisation är nu {Role(e.Role)} i forumet ”{facts.ForumName}”.")],
        _ => [],
    };

    /// <summary>The entry that tells a subscription's actor that its webhook was disabled.</summary>
    public static FeedEntry WebhookDisabled(Guid actorId, Guid subscriptionId, string url, string reason) =>
        new(actorId, "webhook-disabled", $"webhook:{subscriptionId}", $"Webhooken till {url} är avstängd: {reason} Rätta mottagaren och återuppta den.");

    private static string Role(string role) => role switch
    {
        "convenor" => "sammankallande",
        "member" => "medlem",
        "observer" => "observatör",
        "secretariat" => "sekretariat",
        _ => role,
    };

    private static List<FeedEntry> Effort(FeedFacts facts, Guid effortId, string kind, string text) =>
        [.. (facts.EffortActors ?? []).Distinct().Select(actor => new FeedEntry(actor, kind, $"effort:{effortId}", text))];
}
