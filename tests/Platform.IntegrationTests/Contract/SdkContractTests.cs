namespace Platform.IntegrationTests.Contract;

/// <summary>
/// The SDK (services/Client) against the merged OpenAPI document the gateway serves: every SDK method is an operation
/// of the document and every operation has an SDK method; parameters, request bodies and answers agree property by
/// property. A change to a service's contract that the SDK does not follow fails here. The document holds the public
/// paths only (<c>/api/...</c>): the operators' <c>/operations/...</c> endpoints, which the gateway does not route, are
/// in neither.
/// </summary>
public sealed class SdkContractTests(PlatformFixture platform)
{
    private const string FinalReportHasNoPeriod =
        "the final report covers the assignment's own period, decision to due date: the service reads from and to only to refuse them (400), so the SDK does not offer them";

    /// <summary>Documented parameters the SDK leaves out on purpose, and why.</summary>
    private static readonly Dictionary<(string Operation, string Parameter), string> ParametersLeftOut = new()
    {
        [("GET /api/reports/final", "from")] = FinalReportHasNoPeriod,
        [("GET /api/reports/final", "to")] = FinalReportHasNoPeriod,
    };

    [Fact]
    public async Task The_SDKs_methods_and_models_agree_with_the_merged_OpenAPI_document()
    {
        var document = await OpenApiDocument.ReadAsync(platform, TestContext.Current.CancellationToken);
        var comparison = new ContractComparison(document, ParametersLeftOut);
        comparison.Compare(SdkMethod.All());

        TestContext.Current.TestOutputHelper?.WriteLine(comparison.Summary);
        Assert.True(comparison.Mismatches.Count == 0,
            $"{comparison.Mismatches.Count} differences between the SDK and the merged OpenAPI document ({comparison.Summary}):"
            + Environment.NewLine + string.Join(Environment.NewLine, comparison.Mismatches));
    }
}
