using Platform.Client;

namespace Platform.Web;

/// <summary>
/// The names of actors the pages show by id (an effort's lead and participants), read once per page render or circuit:
/// one person's circuit, so nothing is shared between people. A name that could not be read is asked for again next time.
/// </summary>
public sealed class ActorNames(PlatformClient platform)
{
    private readonly Dictionary<Guid, Task<string?>> names = [];

    public async Task<IReadOnlyDictionary<Guid, string>> GetAsync(IEnumerable<Guid> ids)
    {
        var wanted = ids.Distinct().ToList();
        foreach (var id in wanted.Where(id => !names.ContainsKey(id)))
        {
            names[id] = ReadAsync(id);
        }

        var found = new Dictionary<Guid, string>();
        foreach (var id in wanted)
        {
            if (await names[id] is { } name)
            {
                found[id] = name;
            }
            else
            {
                names.Remove(id);
            }
        }

        return found;
    }

    private async Task<string?> ReadAsync(Guid id)
    {
        try
        {
            return (await platform.Actors.GetAsync(id).WithETagAsync()).Value.Name;
        }
        catch (PlatformApiException)
        {
            return null;
        }
    }
}
