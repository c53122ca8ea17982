using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Tests;

/// <summary>If-Match as RFC 9110 13.1.1 reads it: strong comparison, <c>*</c> for any current representation.</summary>
public sealed class IfMatchTests
{
    private static IfMatchKind Read(string? header, out int version)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.IfMatch = header;
        }

        return ETags.ReadIfMatch(context.Request, out version);
    }

    [Theory]
    [InlineData(null, IfMatchKind.Absent, 0)]
    [InlineData("\"3\"", IfMatchKind.Version, 3)]
    [InlineData("*", IfMatchKind.Any, 0)]
    [InlineData("W/\"3\"", IfMatchKind.Never, 0)]
    [InlineData("W/\"3\", \"4\"", IfMatchKind.Version, 4)]
    [InlineData("W/\"3\", W/\"4\"", IfMatchKind.Never, 0)]
    [InlineData("\"3\", \"4\"", IfMatchKind.Invalid, 0)]
    [InlineData("3", IfMatchKind.Invalid, 0)]
    [InlineData("\"abc\"", IfMatchKind.Invalid, 0)]
    [InlineData("*, \"3\"", IfMatchKind.Invalid, 0)]
    public void If_match_compares_strongly(string? header, IfMatchKind kind, int version)
    {
        Assert.Equal(kind, Read(header, out var read));
        Assert.Equal(version, read);
    }

    [Fact]
    public void A_weak_tag_is_a_failed_precondition_and_a_star_matches_any_version()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfMatch = "W/\"1\"";
        var problem = ApiProblems.RequireIfMatch(context.Request, out _);
        Assert.Equal(StatusCodes.Status412PreconditionFailed, problem?.StatusCode);

        context.Request.Headers.IfMatch = "*";
        Assert.Null(ApiProblems.RequireIfMatch(context.Request, out var any));
        Assert.Null(any);

        context.Request.Headers.IfMatch = string.Empty;
        Assert.Equal(StatusCodes.Status428PreconditionRequired, ApiProblems.RequireIfMatch(context.Request, out _)?.StatusCode);
        Assert.Null(ApiProblems.OptionalIfMatch(context.Request, out var absent));
        Assert.Null(absent);
    }
}
