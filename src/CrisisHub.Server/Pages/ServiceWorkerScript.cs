using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace CrisisHub.Server.Pages;

/// <summary>
/// The installable app's service worker, /sw.js. It is written by the server rather than kept as a file because it
/// must name the app shell (every file under wwwroot: pages, styles, modules, strings, icons) and a version that
/// changes whenever any of them does: the browser compares /sw.js byte for byte, so a deployment that changes one page
/// installs a new worker, which caches the new shell under the new version and drops the old one. The worker's code
/// itself is the module js/service-worker.js (part of the shell, so part of the version). Served at the root so its
/// scope is every page, and never from a cache (no-cache), or a phone could keep an old shell for a day.
/// </summary>
public static class ServiceWorkerScript
{
    public const string Path = "/sw.js";

    public static IEndpointRouteBuilder MapServiceWorker(this IEndpointRouteBuilder app)
    {
        var files = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        // Read on the first request that succeeds in reading it (a failure is not kept, unlike Lazy's): the files change
        // only with a deployment, which restarts the server.
        string? script = null;
        // Public: the sign-in page registers it too, and it holds no one's data (only the names of public files).
        app.MapGet(Path, (HttpContext http) =>
        {
            script ??= Write(ShellFiles(files));
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Text(script, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Every file the pages may load, as (URL path, contents), in a fixed order so the version is stable.</summary>
    public static IReadOnlyList<(string Path, byte[] Contents)> ShellFiles(IFileProvider files)
    {
        var found = new List<(string, byte[])>();
        void Walk(string folder)
        {
            foreach (var entry in files.GetDirectoryContents(folder))
            {
                var path = $"{folder}/{entry.Name}";
                if (entry.IsDirectory)
                {
                    Walk(path);
                    continue;
                }

                using var stream = entry.CreateReadStream();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                found.Add((path, copy.ToArray()));
            }
        }

        Walk("");
        return [.. found.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    public static string Write(IReadOnlyList<(string Path, byte[] Contents)> shell)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, contents) in shell)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            hash.AppendData(SHA256.HashData(contents));
        }

        var version = Convert.ToHexStringLower(hash.GetCurrentHash())[..16];
        // "/" is the start page (index.html behind the default-files rule): the installed app opens there.
        var paths = JsonSerializer.Serialize(new[] { "/" }.Concat(shell.Select(f => f.Path)));
        return $$"""
            // Written by the server (Pages/ServiceWorkerScript.cs): the shell's version and files; the worker is js/service-worker.js.
            import { startServiceWorker } from '/js/service-worker.js';

            startServiceWorker({ version: '{{version}}', shell: {{paths}} });

            """;
    }
}
