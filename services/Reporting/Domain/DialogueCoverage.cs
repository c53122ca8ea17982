using Platform.Client.Models;

namespace Platform.Reporting.Domain;

/// <summary>An active actor as the dialogue coverage sees it: its kind and where it is.</summary>
public sealed record PartyActor(Guid Id, string Name, string Kind, string? MunicipalityCode, IReadOnlyList<string> CountyCodes);

/// <summary>
/// Which of the parties the decision names (KN2023/03505: Region Norrbotten and Region Västerbotten, both county
/// administrative boards, the municipalities concerned, the relevant agencies and business) took part in the report's
/// forums and meetings, and who has not been reached. Taking part is being a member of one of the forums or attending
/// one of the meetings.
/// </summary>
public static class DialogueCoverage
{
    /// <summary>
    /// The coverage of every named party, in the decision's order, and the regions, county boards, municipalities and
    /// agencies not reached; a company is counted, not listed.
    /// </summary>
    /// <param name="actors">The active actors.</param>
    /// <param name="forums">The forums each actor is a member of.</param>
    /// <param name="meetings">The meetings each actor attended.</param>
    public static DialogueReach Of(
        IReadOnlyList<PartyActor> actors, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> forums, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> meetings)
    {
        ArgumentNullException.ThrowIfNull(actors);
        var parties = new List<PartyCoverage>();
        var unreached = new List<UnreachedParty>();
        foreach (var (party, members, listUnreached) in Parties(actors))
        {
            var reached = members.Where(actor => forums.ContainsKey(actor.Id) || meetings.ContainsKey(actor.Id)).ToList();
            parties.Add(new PartyCoverage(
                party, members.Count, reached.Count,
                members.SelectMany(actor => forums.GetValueOrDefault(actor.Id) ?? Empty).Distinct().Count(),
                members.SelectMany(actor => meetings.GetValueOrDefault(actor.Id) ?? Empty).Distinct().Count()));
            if (listUnreached)
            {
                unreached.AddRange(members.Except(reached).OrderBy(actor => actor.Name, StringComparer.Ordinal).Select(actor => new UnreachedParty(party, actor.Name)));
            }
        }

        return new DialogueReach(parties, unreached);
    }

    private static readonly IReadOnlySet<Guid> Empty = new HashSet<Guid>();

    private static IEnumerable<(string Party, IReadOnlyList<PartyActor> Members, bool ListUnreached)> Parties(IReadOnlyList<PartyActor> actors)
    {
        foreach (var county in Geography.Counties.OrderByDescending(county => county.Code, StringComparer.Ordinal))
        {
            yield return ($"Regionen i {county.Name}", Of(actors, ActorKinds.Region, actor => actor.CountyCodes.Contains(county.Code)), true);
        }

        foreach (var county in Geography.Counties.OrderByDescending(county => county.Code, StringComparer.Ordinal))
        {
            yield return ($"Länsstyrelsen i {county.Name}", Of(actors, ActorKinds.CountyBoard, actor => actor.CountyCodes.Contains(county.Code)), true);
        }

        foreach (var county in Geography.Counties.OrderByDescending(county => county.Code, StringComparer.Ordinal))
        {
            yield return ($"Kommunerna i {county.Name}",
                Of(actors, ActorKinds.Municipality, actor => actor.MunicipalityCode is { } code && Geography.CountiesOf([code]).Contains(county.Code)), true);
        }

        yield return ("Berörda myndigheter", Of(actors, ActorKinds.Agency, _ => true), true);
        yield return ("Näringslivet", Of(actors, ActorKinds.Company, _ => true), false);
    }

    private static List<PartyActor> Of(IReadOnlyList<PartyActor> actors, string kind, Func<PartyActor, bool> where) =>
        [.. actors.Where(actor => actor.Kind == kind && where(actor))];
}
