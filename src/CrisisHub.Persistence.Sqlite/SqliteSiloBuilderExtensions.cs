using CrisisHub.Contracts.Audit;
using CrisisHub.Privacy;
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
        // A singleton the container disposes at shutdown, after the silo stopped: the writer commits what is queued.
        builder.Services.TryAddSingleton<SqliteDatabase>();
        return builder;
    }

    /// <summary>Grain state as rows of the database file, sealed with the <see cref="StorageKeyRing"/> the host registers.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name)
    {
        builder.Services.AddGrainStorage(name, (services, providerName) => new SqliteGrainStorage(
            providerName, services.GetRequiredService<SqliteDatabase>(), services.GetRequiredService<StorageKeyRing>(), TimeProvider.System));
        return builder;
    }

    /// <summary>The audit log as a table of the same database file (appended through the database's one group-committing writer).</summary>
    public static ISiloBuilder UseSqliteAuditLog(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<IAuditLog, SqliteAuditLog>();
        return builder;
    }

    /// <summary>The open-alert boards and the local outbox as rows of the same database file.</summary>
    public static ISiloBuilder UseSqliteBoardsAndOutbox(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<CrisisHub.Contracts.Wallboard.IAlertBoard, SqliteAlertBoard>();
        builder.Services.AddSingleton<CrisisHub.Contracts.Sms.ILocalOutbox, SqliteLocalOutbox>();
        return builder;
    }

    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder)
    {
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }
}
