using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// Applies the versioned SQL scripts embedded in the given assemblies (<c>*.Migrations.NNNN_name.sql</c>) with
/// DbUp, journaled in <c>schemaversions</c>, under a PostgreSQL advisory lock so that several instances starting
/// at once apply each script exactly once.
/// </summary>
public sealed partial class DatabaseMigrator(string connectionString, IReadOnlyList<Assembly> scriptAssemblies, ILogger logger)
{
    /// <summary>Arbitrary but fixed: every platform service uses the same lock key in its own database.</summary>
    private const long AdvisoryLockKey = 0x504C_4154_4D49_47; // "PLATMIG"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (await Platform.Messaging.Data.DatabaseLock.AcquireAsync(lockConnection, AdvisoryLockKey, cancellationToken))
        {
            foreach (var assembly in scriptAssemblies)
            {
                var upgrader = DeployChanges.To
                    .PostgresqlDatabase(connectionString)
                    .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                    .WithTransactionPerScript()
                    .JournalToPostgresqlTable("public", "schemaversions")
                    .LogTo(new DbUpLogger(logger))
                    .Build();

                var result = upgrader.PerformUpgrade();
                if (!result.Successful)
                {
                    throw new InvalidOperationException(
                        $"Migration script '{result.ErrorScript?.Name}' of {assembly.GetName().Name} failed.", result.Error);
                }

                foreach (var script in result.Scripts)
                {
                    LogApplied(logger, script.Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private static partial void LogApplied(ILogger logger, string script);

    private sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) { }

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
