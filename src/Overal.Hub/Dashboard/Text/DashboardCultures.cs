using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Overal.Hub.Dashboard;

/// <summary>The dashboard speaks English and Dutch; the choice lives in the culture cookie (and on the user).</summary>
public static class DashboardCultures
{
    public static readonly string[] Supported = ["en", "nl"];

    public static RequestLocalizationOptions Localization
    {
        get
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            return new RequestLocalizationOptions
            {
                DefaultRequestCulture = new RequestCulture("en"),
                SupportedCultures = cultures,
                SupportedUICultures = cultures,
                RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()],
            };
        }
    }
}
