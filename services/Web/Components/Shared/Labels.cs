using Platform.Client.Models;

namespace Platform.Web.Components.Shared;

/// <summary>The Swedish names of the API's codes (statuses, urgencies, roles); <c>T[...]</c> translates them.</summary>
public static class Labels
{
    public static readonly IReadOnlyList<string> NeedStatuses = ["submitted", "linked", "accepted", "rejected", "resolved", "withdrawn"];
    public static readonly IReadOnlyList<string> Urgencies = ["low", "medium", "high", "critical"];
    public static readonly IReadOnlyList<string> ActorKinds = ["agency", "region", "county-board", "municipality", "company", "academia", "other"];
    public static readonly IReadOnlyList<string> ChallengeStatuses = ["identified", "analysed", "addressed", "resolved", "archived"];
    public static readonly IReadOnlyList<string> EffortStatuses = ["planned", "ongoing", "completed", "cancelled"];

    public static string NeedStatus(string status) => SwedishNames.NeedStatus(status);

    public static string ChallengeStatus(string status) => SwedishNames.ChallengeStatus(status);

    public static string EffortStatus(string status) => SwedishNames.EffortStatus(status);

    public static string ExpenditureCategory(string category) => SwedishNames.ExpenditureCategory(category);

    public static string ParticipantRole(string role) => role switch
    {
        "funding" => "Finansierar",
        "accountable" => "Ansvarar",
        "implementing" => "Genomför",
        "extending" => "Sprider vidare",
        _ => role,
    };

    public static string Urgency(string urgency) => urgency switch
    {
        "low" => "Låg",
        "medium" => "Medel",
        "high" => "Hög",
        "critical" => "Kritisk",
        _ => urgency,
    };

    public static string HistoryAction(string action) => action switch
    {
        "submitted" => "Inskickat",
        "triaged" => "Triagerat",
        "withdrawn" => "Återkallat",
        "linked" => "Kopplat till utmaning",
        "merged" => "Utmaningen slogs ihop",
        "resolved" => "Löst",
        _ => action,
    };

    public static string Kind(string kind) => kind switch
    {
        "agency" => "Myndighet",
        "region" => "Region",
        "county-board" => "Länsstyrelse",
        "municipality" => "Kommun",
        "company" => "Företag",
        "academia" => "Lärosäte",
        "other" => "Annan",
        _ => kind,
    };

    public static string ActorAction(string action) => action switch
    {
        "registered" => "Registrerad",
        "updated" => "Ändrad",
        "deactivated" => "Avregistrerad",
        "reactivated" => "Återaktiverad",
        _ => action,
    };

    /// <summary>The kinds of record the change log tells of, in the order the filter offers them.</summary>
    public static IReadOnlyList<string> AuditEntities => Platform.Client.Models.AuditEntities.All;

    public static string AuditEntity(string entity) => entity switch
    {
        "actor" => "Aktör",
        "establishment" => "Etablering",
        "forum" => "Samverkansforum",
        "meeting" => "Dialogmöte",
        "need" => "Behov",
        "challenge" => "Utmaning",
        "effort" => "Insats",
        "assignment" => "Uppdrag",
        "lesson" => "Lärdom",
        _ => entity,
    };

    /// <summary>What a change did, as a person says it; an event not named here shows by its own name.</summary>
    public static string AuditAction(string action) => action switch
    {
        "ActorRegistered" => "Registrerad",
        "ActorUpdated" => "Ändrad",
        "ActorDeactivated" => "Avregistrerad",
        "ActorReactivated" => "Återaktiverad",
        "EstablishmentRegistered" => "Registrerad",
        "EstablishmentUpdated" => "Ändrad",
        "ForumCreated" => "Skapat",
        "ForumUpdated" => "Ändrat",
        "ForumMemberAdded" => "Medlem tillagd",
        "ForumMemberRemoved" => "Medlem borttagen",
        "ForumMemberRoleChanged" => "Medlem fick ny roll",
        "MeetingRecorded" => "Registrerat",
        "MeetingUpdated" => "Ändrat",
        "NeedSubmitted" => "Inskickat",
        "NeedTriaged" => "Triagerat",
        "NeedWithdrawn" => "Återkallat",
        "NeedResolved" => "Löst",
        "NeedLinkedToChallenge" => "Kopplat till utmaning",
        "ChallengeIdentified" => "Identifierad",
        "ChallengeUpdated" => "Ändrad",
        "ChallengeStatusChanged" => "Ny status",
        "ChallengeAssignmentsChanged" => "Nya uppdrag",
        "ChallengesMerged" => "Utmaningar sammanslagna",
        "EffortLaunched" => "Startad",
        "EffortRevised" => "Ändrad",
        "EffortProgressReported" => "Lägesrapport",
        "EffortCompleted" => "Avslutad",
        "ExpenditureRecorded" => "Utgift registrerad",
        "AssignmentRegistered" => "Registrerat",
        "AssignmentUpdated" => "Ändrat",
        "LessonPublished" => "Publicerad",
        "LessonRevised" => "Reviderad",
        _ => action,
    };
}
