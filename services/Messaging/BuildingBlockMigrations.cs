using System.Reflection;

namespace Platform.Messaging;

/// <summary>
/// A building block with tables of its own in the service's database (e.g. the actor directory): its embedded
/// <c>Migrations/*.sql</c> run after the messaging scripts and before the service's.
/// </summary>
public sealed record BuildingBlockMigrations(Assembly Assembly);
