using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;

namespace CrisisHub.Persistence.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>Registers the database file shared by the storage providers and the reminder table.</summary>
    public static ISiloBuilder UseSqliteDatabase(this ISiloBuilder builder, string databasePath)
    {
        builder.Services.AddOptions<SqliteDatabaseOptions>().Configure(o => o.DatabasePath = databasePath);
        builder.Services.TryAddSingleton<SqliteDatabase>();
        return builder;
    }

    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name)
    {
        builder.Services.AddGrainStorage(name, (services, providerName) => new SqliteGrainStorage(
            providerName, services.GetRequiredService<SqliteDatabase>(), TimeProvider.System));
        return builder;
    }

    /// <summary>The audit log as a table of the same database file (one writer, group-committed; see <see cref="SqliteAuditLog"/>).</summary>
    public static ISiloBuilder UseSqliteAuditLog(this ISiloBuilder builder)
    {
        // Registered by type so the container disposes it at shutdown, after the silo stopped: the writer drains its queue.
        builder.Services.AddSingleton<SqliteAuditLog>();
        builder.Services.AddSingleton<IAuditLog>(services => services.GetRequiredService<SqliteAuditLog>());
        return builder;
    }

    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder)
    {
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }
}
