using StackExchange.Redis;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Cluster mode's shared Redis. Start-up fails fast, with the address in the message, when Redis is configured
/// but unreachable: a node that cannot reach the cluster's membership and state must not take traffic.
/// </summary>
public static class RedisHosting
{
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return options;
    }

    public static IConnectionMultiplexer ConnectOrFail(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5000;
        try
        {
            var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            // From here on, ride out short outages (Redis restarting or failing over) instead of failing.
            return connection;
        }
        catch (RedisConnectionException exception)
        {
            throw new StartupFailure(StartupFailure.RedisUnreachable,
                $"Silo:Redis is configured ({string.Join(", ", options.EndPoints)}) but Redis cannot be reached: {exception.Message}", exception);
        }
    }
}
