namespace Platform.Client.Models;

/// <summary>A theme needs and challenges are sorted under (<c>GET /api/themes</c>).</summary>
/// <param name="Code">The theme's code, e.g. <c>housing</c>.</param>
/// <param name="NameSv">Its Swedish name.</param>
/// <param name="NameEn">Its English name.</param>
public sealed record Theme(string Code, string NameSv, string NameEn);

/// <summary>The body of <c>POST /api/challenges</c>.</summary>
/// <param name="Theme">A theme code (422 when unknown).</param>
/// <param name="Title">The challenge's title, 5 to 200 characters.</param>
/// <param name="Description">Its description, 20 to 4000 characters.</param>
/// <param name="LeadActorId">The leading actor, which must be known and active (422 otherwise).</param>
public sealed record CreateChallengeRequest(string Theme, string Title, string Description, Guid? LeadActorId = null);

/// <summary>The body of <c>POST /api/challenges/{id}/needs</c>: moves a need into the challenge.</summary>
/// <param name="NeedId">The need to move (422 when challenge tracking does not know it).</param>
public sealed record RelinkNeedRequest(Guid NeedId);

/// <summary>The body of <c>POST /api/challenges/{id}/merge</c>.</summary>
/// <param name="ChallengeId">The challenge to merge into this one; its needs and efforts move and it is archived.</param>
public sealed record MergeChallengeRequest(Guid ChallengeId);

/// <summary>The body of <c>POST /api/challenges/{id}/status</c>.</summary>
/// <param name="Status">One of <c>identified</c>, <c>analysed</c>, <c>addressed</c>, <c>resolved</c>, <c>archived</c>.</param>
/// <param name="Note">A note on the change, at most 2000 characters.</param>
public sealed record ChallengeStatusRequest(string Status, string? Note = null);

/// <summary>The body of <c>PUT /api/challenges/{id}</c>: a coordinator's own title and description for the challenge.</summary>
/// <param name="Title">5 to 200 characters, one line.</param>
/// <param name="Description">20 to 4000 characters.</param>
public sealed record ChallengeEditRequest(string Title, string Description);

/// <summary>The body of <c>PUT /api/challenges/{id}/assignments</c>: every assignment the challenge is reported under.</summary>
/// <param name="Assignments">Registration numbers of registered assignments, at most 20; an empty list reports it under none.</param>
public sealed record ChallengeAssignmentsRequest(IReadOnlyList<string> Assignments);

/// <summary>A challenge (utmaning): needs clustered under one theme.</summary>
/// <param name="Id">The challenge's id.</param>
/// <param name="Reference">Its human-readable reference.</param>
/// <param name="Theme">Its theme code.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">Its description.</param>
/// <param name="Status">Its status.</param>
/// <param name="LeadActorId">The leading actor, if any.</param>
/// <param name="Automatic">True when clustering opened it, false when a coordinator did.</param>
/// <param name="NeedIds">Its needs.</param>
/// <param name="CountyCodes">The counties its needs concern.</param>
/// <param name="CrossCounty">True when it concerns both counties.</param>
/// <param name="EstablishmentIds">The establishments its needs stem from.</param>
/// <param name="EffortIds">The efforts addressing it.</param>
/// <param name="MergedInto">The challenge it was merged into, if it was.</param>
/// <param name="Assignments">The government assignments it is reported under.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Challenge(
    Guid Id,
    string Reference,
    string Theme,
    string Title,
    string Description,
    string Status,
    Guid? LeadActorId,
    bool Automatic,
    IReadOnlyList<Guid> NeedIds,
    IReadOnlyList<string> CountyCodes,
    bool CrossCounty,
    IReadOnlyList<Guid> EstablishmentIds,
    IReadOnlyList<Guid> EffortIds,
    Guid? MergedInto,
    IReadOnlyList<string> Assignments,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersioned;

/// <summary>A word stem that holds a challenge together, and how much (<c>GET /api/challenges/{id}/explanation</c>).</summary>
/// <param name="Term">The stem, as the Swedish stemmer gives it, e.g. <c>elnät</c> or <c>bostad</c>.</param>
/// <param name="Weight">Its weight across the challenge's needs (TF-IDF); only comparable within one challenge.</param>
public sealed record ChallengeTerm(string Term, double Weight);

/// <summary>How close one need is to its challenge.</summary>
/// <param name="NeedId">The need.</param>
/// <param name="Similarity">Its cosine similarity to the challenge, 0 to 1, as clustering scores it.</param>
public sealed record NeedSimilarity(Guid NeedId, double Similarity);

/// <summary>
/// Why a challenge holds together: the terms its needs share most (from needs that are not confidential only, so no
/// confidential word is told) and each need's similarity to it, closest first.
/// </summary>
/// <param name="Terms">At most 12 terms, weightiest first.</param>
/// <param name="Needs">Every need in the challenge with its similarity.</param>
public sealed record ChallengeExplanation(IReadOnlyList<ChallengeTerm> Terms, IReadOnlyList<NeedSimilarity> Needs);

/// <summary>
/// A proposal of the clustering review (<c>GET /api/challenges/suggestions</c>): merge two challenges of a theme whose
/// needs are alike, or split needs that are unlike the rest off a challenge, each group into a challenge of its own.
/// </summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Kind"><c>merge</c> or <c>split</c>.</param>
/// <param name="Theme">The theme of the challenges.</param>
/// <param name="Challenge">The challenge that takes the other in (merge) or that the groups leave (split).</param>
/// <param name="MergedChallenge">The challenge merged into <paramref name="Challenge"/> and archived (merge only).</param>
/// <param name="Groups">The needs leaving, one challenge for each group (split only).</param>
/// <param name="Similarity">How alike on average (0 to 1) the needs are that the proposal joins (merge) or parts (split).</param>
/// <param name="Threshold">The theme's threshold the similarity was compared with, learnt from coordinators' decisions.</param>
/// <param name="Status"><c>open</c>, <c>accepted</c>, <c>dismissed</c>, or <c>withdrawn</c> (its challenges changed before anyone decided).</param>
/// <param name="ProposedAt">When the review proposed it.</param>
/// <param name="DecidedAt">When a coordinator accepted or dismissed it, or the review withdrew it.</param>
/// <param name="DecidedBy">Who did.</param>
public sealed record ChallengeSuggestion(
    Guid Id,
    string Kind,
    string Theme,
    SuggestedChallenge Challenge,
    SuggestedChallenge? MergedChallenge,
    IReadOnlyList<IReadOnlyList<SuggestedNeed>> Groups,
    double Similarity,
    double Threshold,
    string Status,
    DateTimeOffset ProposedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy);

/// <summary>A challenge named in a suggestion.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Title">Its title.</param>
public sealed record SuggestedChallenge(Guid Id, string Reference, string Title);

/// <summary>A need named in a suggestion.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Title">Its title.</param>
public sealed record SuggestedNeed(Guid Id, string Reference, string Title);

/// <summary>What a run of the clustering review did (<c>POST /api/challenges/suggestions/review</c>).</summary>
/// <param name="Proposed">Suggestions it made that were not open already.</param>
/// <param name="Withdrawn">Open suggestions it no longer makes, withdrawn.</param>
/// <param name="Open">Suggestions open now.</param>
/// <param name="Thresholds">Each theme's threshold and the coordinators' decisions it was learnt from.</param>
public sealed record ClusterReview(int Proposed, int Withdrawn, int Open, IReadOnlyList<ThemeThreshold> Thresholds);

/// <summary>A theme's review threshold.</summary>
/// <param name="Theme">The theme code.</param>
/// <param name="Threshold">The least average similarity at which needs are proposed to belong together.</param>
/// <param name="Labels">The coordinators' decisions (accepted and dismissed suggestions, relinks, merges) it was learnt from; below 3 the configured threshold stands.</param>
public sealed record ThemeThreshold(string Theme, double Threshold, int Labels);
