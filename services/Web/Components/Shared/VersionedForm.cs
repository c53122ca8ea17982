using Microsoft.AspNetCore.Components;
using Platform.Client;
using Platform.Client.Models;
using Refit;

namespace Platform.Web.Components.Shared;

/// <summary>
/// A form that changes a resource under If-Match: it sends the ETag the page read; on 412 it has the page read the
/// resource again and says what someone else changed first (and that this change was not saved).
/// </summary>
/// <typeparam name="T">The resource.</typeparam>
public abstract class VersionedForm<T> : ComponentBase
    where T : class
{
    /// <summary>The resource as the page shows it, with the ETag a change is based on.</summary>
    [Parameter, EditorRequired] public Versioned<T> Current { get; set; } = null!;

    /// <summary>Has the page read the resource again and returns it: after a change, and when someone else changed it first.</summary>
    [Parameter, EditorRequired] public Func<Task<Versioned<T>>> Reload { get; set; } = null!;

    /// <summary>What changed between two versions, as (field, before, after) in the page's words.</summary>
    [Parameter, EditorRequired] public Func<T, T, IReadOnlyList<(string Field, string Before, string After)>> Differences { get; set; } = null!;

    protected Problem? Failure { get; set; }

    protected string? Done { get; set; }

    protected IReadOnlyList<(string Field, string Before, string After)>? ChangedByOthers { get; set; }

    protected bool Saving { get; private set; }

    /// <summary>Sends one change with the current ETag; true when it was saved.</summary>
    protected async Task<bool> SaveAsync(Func<string, Task<ApiResponse<T>>> change, string done, Func<string, string?> fieldMessage)
    {
        if (Saving)
        {
            return false;
        }

        (Saving, Failure, ChangedByOthers, Done) = (true, null, null, null);
        var seen = Current.Value;
        try
        {
            await change(Current.ETag).WithETagAsync();
            await Reload();
            Done = done;
            return true;
        }
        catch (PreconditionFailedException exception)
        {
            Failure = Problem.From(exception);
            try
            {
                ChangedByOthers = Differences(seen, (await Reload()).Value);
            }
            catch (PlatformApiException reading)
            {
                Failure = Problem.From(reading);
            }

            return false;
        }
        catch (PlatformApiException exception)
        {
            Failure = Problem.From(exception, fieldMessage);
            return false;
        }
        finally
        {
            Saving = false;
        }
    }

    /// <summary>A choice or a figure the form finds missing before asking the API, said as the API's problem would be.</summary>
    protected static Problem Missing(string field, string message) =>
        new("Några uppgifter behöver rättas; se fälten nedan.", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [field] = message });
}
