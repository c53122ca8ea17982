using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Client;
using Platform.Client.Models;

namespace Platform.Web;

/// <summary>
/// A report (or the change log) as a file, downloaded through the web client with the signed-in person's token: the browser never holds a
/// token, so it cannot fetch the API's file itself.
/// </summary>
public static class ReportDownloads
{
    private static readonly HashSet<string> Formats = new(ReportFormats.All, StringComparer.Ordinal);

    /// <summary>The formats as the pages name them, in the order a person would pick them.</summary>
    public static readonly IReadOnlyList<(string Format, string Name)> FormatNames =
        [("pdf", "Dokument (PDF)"), ("html", "Webbsida (HTML)"), ("md", "Text (Markdown)"), ("csv", "Tabell (CSV)"), ("xlsx", "Kalkylblad (Excel)"), ("json", "Data (JSON)")];

    public static string FinalReportPath(string assignment, string format) => $"/rapporter/slutrapport.{format}?uppdrag={Uri.EscapeDataString(assignment)}";

    public static string VersionPath(string assignment, int number, string format) =>
        $"/rapporter/slutrapport/version-{number}.{format}?uppdrag={Uri.EscapeDataString(assignment)}";

    public static WebApplication MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/rapporter/slutrapport.{format}", (string format, string? uppdrag, HttpContext context, AuthenticationStateProvider authentication, PlatformClient platform) =>
            DownloadAsync(format, uppdrag, context, authentication, () => platform.Reporting.DownloadFinalReportAsync(uppdrag!, format, context.RequestAborted)))
            .RequireAuthorization();
        app.MapGet("/rapporter/slutrapport/version-{number:int}.{format}", (int number, string format, string? uppdrag, HttpContext context,
            AuthenticationStateProvider authentication, PlatformClient platform) =>
            DownloadAsync(format, uppdrag, context, authentication, () => platform.Reporting.DownloadFinalReportVersionAsync(number, uppdrag!, format, context.RequestAborted)))
            .RequireAuthorization();
        app.MapGet("/andringslogg.csv", (string? post, string? id, string? fran, string? till, HttpContext context, AuthenticationStateProvider authentication,
            PlatformClient platform) =>
            FileAsync(context, authentication, "andringslogg.csv", () => platform.Reporting.DownloadAuditTrailAsync(post, id, fran, till, context.RequestAborted),
                "Loggen kan inte hämtas så: den rymmer högst 10 000 ändringar per fil, och datumen skrivs ÅÅÅÅ-MM-DD. Avgränsa med post eller datum."))
            .RequireAuthorization();
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        string format, string? assignment, HttpContext context, AuthenticationStateProvider authentication, Func<Task<ReportFile>> download)
    {
        if (!Formats.Contains(format) || string.IsNullOrWhiteSpace(assignment))
        {
            return Results.NotFound();
        }

        return await FileAsync(context, authentication, $"slutrapport.{format}", download);
    }

    /// <summary>
    /// A file the API renders, fetched as the signed-in person. A question the API refuses is a page not found, or, when
    /// <paramref name="refused"/> says why, a problem saying it; what the person may not have is a 403.
    /// </summary>
    private static async Task<IResult> FileAsync(
        HttpContext context, AuthenticationStateProvider authentication, string fallbackName, Func<Task<ReportFile>> download, string? refused = null)
    {
        // The same person as the cookie says: the SDK's token comes from this request's user.
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        try
        {
            var file = await download();
            return Results.File(file.Content, file.ContentType, file.FileName ?? fallbackName);
        }
        catch (Exception exception) when (refused is not null && exception is ValidationFailedException or UnprocessableException)
        {
            return Results.Problem(title: refused, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (Exception exception) when (exception is NotFoundException or ValidationFailedException or UnprocessableException)
        {
            // No such assignment or version (an address typed or kept from before).
            return Results.NotFound();
        }
        catch (ForbiddenException)
        {
            return Results.Problem(title: "Du får inte hämta den här filen.", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ServiceUnavailableException)
        {
            return Results.Problem(title: "Rapporten kan inte skapas i det formatet just nu. Välj ett annat format eller försök senare.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (UnauthorizedException)
        {
            // The session ended on the way (its token could not be renewed): sign in again, then the same file.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
        }
    }
}
