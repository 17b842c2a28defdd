using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace CrisisHub.Server.Tests;

/// <summary>
/// /sw.js names every public file as the app shell and a version of them all: a deployment that changes any file must
/// change the script's bytes (that is how a browser notices an update) and nothing else may.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class ServiceWorkerScriptTests(ServerFixture server) : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("crisishub-shell-");

    [Fact]
    public void TheScriptNamesTheStartPageAndEveryFileUnderTheWebRoot()
    {
        Write("inbox.html", "<p>inbox</p>");
        Write("js/inbox.js", "export {};");
        Write("icons/icon-192.png", "png");

        var script = Script();

        Shell(script).ShouldBe(["/", "/icons/icon-192.png", "/inbox.html", "/js/inbox.js"]);
        script.ShouldContain("from '/js/service-worker.js'");
    }

    [Fact]
    public void TheVersionChangesWithAnyFilesContentsAndOnlyThen()
    {
        Write("inbox.html", "<p>inbox</p>");
        Write("js/inbox.js", "export {};");
        var first = Version(Script());

        Version(Script()).ShouldBe(first);
        Write("js/inbox.js", "export const changed = 1;");
        var second = Version(Script());
        second.ShouldNotBe(first);
        Write("css/app.css", "body {}");
        Version(Script()).ShouldNotBe(second);
    }

    [Fact]
    public async Task TheServerServesItFromTheRootUncachedWithTheRealWebRoot()
    {
        var http = server.Factory.CreateClient();
        var response = await http.GetAsync("/sw.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var shell = Shell(await response.Content.ReadAsStringAsync());
        shell.ShouldContain("/inbox.html");
        shell.ShouldContain("/manifest.webmanifest");
        shell.ShouldContain("/js/service-worker.js");
        shell.ShouldContain("/icons/icon-512.png");
        shell.ShouldNotContain(p => p.StartsWith("/api/"));
        var manifest = await http.GetAsync("/manifest.webmanifest");
        manifest.Content.Headers.ContentType!.MediaType.ShouldBe("application/manifest+json");
    }

    private void Write(string path, string text)
    {
        var file = new FileInfo(Path.Combine(root.FullName, path));
        file.Directory!.Create();
        File.WriteAllText(file.FullName, text);
    }

    private string Script()
    {
        using var files = new PhysicalFileProvider(root.FullName);
        return Pages.ServiceWorkerScript.Write(Pages.ServiceWorkerScript.ShellFiles(files));
    }

    private static string Version(string script)
    {
        var version = VersionPattern().Match(script).Groups[1].Value;
        version.ShouldNotBeEmpty();
        return version;
    }

    private static string[] Shell(string script) =>
        System.Text.Json.JsonSerializer.Deserialize<string[]>(ShellPattern().Match(script).Groups[1].Value)!;

    [GeneratedRegex("version: '([0-9a-f]{16})'")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"shell: (\[.*?\])")]
    private static partial Regex ShellPattern();

    public void Dispose() => root.Delete(recursive: true);
}
