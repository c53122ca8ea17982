using Platform.Contracts.Challenges;
using Platform.Messaging.Inbox;
using Platform.NeedsIntake.Data;

namespace Platform.NeedsIntake.Consumers;

/// <summary>A need clustered or relinked by challenge tracking: its challenge, and status <c>linked</c>.</summary>
public sealed class NeedLinkedToChallengeConsumer(InboxServices inbox, NeedStore store, ILogger<NeedLinkedToChallengeConsumer> logger)
    : InboxConsumer<NeedLinkedToChallenge>(inbox)
{
    protected override async Task HandleAsync(InboxContext<NeedLinkedToChallenge> context)
    {
        var message = context.Message;
        if (!await store.LinkAsync(context.Transaction, message.NeedId, message.ChallengeId, message.OccurredAt, context.CancellationToken))
        {
            logger.LogWarning("Need {NeedId} linked to challenge {ChallengeId} is not known here; ignored", message.NeedId, message.ChallengeId);
        }
    }
}

/// <summary>A resolved challenge resolves its open needs.</summary>
public sealed class ChallengeStatusChangedConsumer(InboxServices inbox, NeedStore store, ILogger<ChallengeStatusChangedConsumer> logger)
    : InboxConsumer<ChallengeStatusChanged>(inbox)
{
    public const string Resolved = "resolved";

    protected override async Task HandleAsync(InboxContext<ChallengeStatusChanged> context)
    {
        if (context.Message.Status != Resolved)
        {
            return;
        }

        var count = await store.ResolveChallengeAsync(context.Transaction, context.Message.ChallengeId, context.Message.CorrelationId, context.CancellationToken);
        logger.LogInformation("Challenge {ChallengeId} resolved: {Count} needs resolved", context.Message.ChallengeId, count);
    }
}

/// <summary>Needs of a merged challenge follow it into the challenge it was merged into.</summary>
public sealed class ChallengesMergedConsumer(InboxServices inbox, NeedStore store)
    : InboxConsumer<ChallengesMerged>(inbox)
{
    protected override Task HandleAsync(InboxContext<ChallengesMerged> context)
    {
        var message = context.Message;
        return store.MergeChallengesAsync(context.Transaction, message.MergedChallengeId, message.TargetChallengeId, message.MovedNeedIds, message.OccurredAt, context.CancellationToken);
    }
}
