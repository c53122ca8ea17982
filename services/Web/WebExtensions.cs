using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.FluentUI.AspNetCore.Components;
using Platform.Web.Components;
using Platform.Web.Localization;
using Platform.Web.SignIn;

namespace Platform.Web;

public static class WebExtensions
{
    /// <summary>The pages' Content-Security-Policy: scripts and styles from this site only (inline styles for components).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents(options => options.Localizer = new FluentTexts());
        builder.Services.AddSingleton<Texts>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ReferenceData>();
        builder.Services.AddScoped<ActorNames>();
        builder.AddWebAuthentication();
        GatewayClients.Register(builder.Services);
        builder.Services.AddRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Texts.Swedish);
            options.SupportedCultures = [.. Texts.Cultures];
            options.SupportedUICultures = [.. Texts.Cultures];
            // The person's choice (a cookie) only: the pages are Swedish unless they switch.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // The gateway is the only way in: the address people use (scheme and host) is the one it forwards, for
        // redirects, cookies and the OpenID Connect callback.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fel", createScopeForErrors: true);
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseStatusCodePagesWithReExecute("/hittades-inte", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthEndpoints();
        app.MapStaticAssets();
        app.MapWebSignIn();
        app.MapReportDownloads();
        app.MapGet("/sprak/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = Texts.Cultures.FirstOrDefault(known => known.TwoLetterISOLanguageName == culture) ?? Texts.Swedish;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(WebAuthentication.LocalUrl(returnUrl));
        }).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }
}
