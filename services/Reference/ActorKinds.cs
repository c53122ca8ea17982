namespace Platform.Reference;

/// <summary>The kinds of actor (DESIGN.md); needs visibility depends on them too.</summary>
public static class ActorKinds
{
    public const string Agency = "agency";
    public const string Region = "region";
    public const string CountyBoard = "county-board";
    public const string Municipality = "municipality";
    public const string Company = "company";
    public const string Academia = "academia";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Agency, Region, CountyBoard, Municipality, Company, Academia, Other];
}
