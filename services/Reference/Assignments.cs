using System.Text.RegularExpressions;

namespace Platform.Reference;

/// <summary>Government assignments (regeringsuppdrag): how they are referred to, and the one this platform exists for.</summary>
public static partial class Assignments
{
    /// <summary>The Government Offices' assignment to Tillväxtverket on the new industrialisation of the north.</summary>
    public const string NorthernIndustrialisation = "KN2023/03505";

    /// <summary>A registration number of the Government Offices, e.g. <c>KN2023/03505</c>.</summary>
    [GeneratedRegex(@"^[A-ZÅÄÖ]{1,6}\d{4}/\d{1,6}$")]
    public static partial Regex ReferencePattern();
}
