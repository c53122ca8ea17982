using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Client;
using Platform.Client.Models;

namespace Platform.Web;

/// <summary>
/// A report as a file, downloaded through the web client with the signed-in person's token: the browser never holds a
/// token, so it cannot fetch the API's file itself.
/// </summary>
public static class ReportDownloads
{
    private static readonly HashSet<string> Formats = new(ReportFormats.All, StringComparer.Ordinal);

    public static string FinalReportPath(string assignment, string format) => $"/rapporter/slutrapport.{format}?uppdrag={Uri.EscapeDataString(assignment)}";

    public static WebApplication MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/rapporter/slutrapport.{format}", async (string format, string? uppdrag, HttpContext context, AuthenticationStateProvider authentication, PlatformClient platform) =>
        {
            if (!Formats.Contains(format) || string.IsNullOrWhiteSpace(uppdrag))
            {
                return Results.NotFound();
            }

            // The same person as the cookie says: the SDK's token comes from this request's user.
            ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
            try
            {
                var file = await platform.Reporting.DownloadFinalReportAsync(uppdrag, format, context.RequestAborted);
                return Results.File(file.Content, file.ContentType, file.FileName ?? $"slutrapport.{format}");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (UnauthorizedException)
            {
                // The session ended on the way (its token could not be renewed): sign in again, then the same file.
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
            }
        }).RequireAuthorization();
        return app;
    }
}
