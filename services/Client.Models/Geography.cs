namespace Platform.Client.Models;

/// <summary>A county of the assignment (<c>GET /api/counties</c>).</summary>
/// <param name="Code">The SCB county code: <c>24</c> (Västerbotten) or <c>25</c> (Norrbotten).</param>
/// <param name="Name">The county's name.</param>
/// <param name="MunicipalityCount">How many of the platform's municipalities lie in the county.</param>
public sealed record County(string Code, string Name, int MunicipalityCount);

/// <summary>A municipality of Norrbotten or Västerbotten (<c>GET /api/municipalities</c>).</summary>
/// <param name="Code">The four-digit SCB municipality code, e.g. <c>2580</c>.</param>
/// <param name="Name">The municipality's name.</param>
/// <param name="CountyCode">The code of its county.</param>
public sealed record Municipality(string Code, string Name, string CountyCode);
