using System.Text.Json;

namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// Lays the .NET runtime that a self-contained win-x64 publish restored (the Microsoft.NETCore.App.Runtime.win-x64
/// pack, from NuGet) out as a machine-wide install: shared/Microsoft.NETCore.App/VERSION/ (the pack's managed and
/// native files, with its Microsoft.NETCore.App.deps.json, without which hostfxr ignores the folder) and
/// host/fxr/VERSION/hostfxr.dll. The framework-dependent comhost and harness need exactly that.
/// </summary>
internal static class DotnetRuntimeLayout
{
    private const string RuntimePackPrefix = "runtimepack.Microsoft.NETCore.App.Runtime.win-x64/";

    /// <summary>The runtime pack's version that the SDK chose for a self-contained publish, read from its .deps.json.</summary>
    public static string RuntimePackVersion(string publishedDepsJson)
    {
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(publishedDepsJson));
        foreach (JsonProperty target in deps.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (JsonProperty library in target.Value.EnumerateObject())
            {
                if (library.Name.StartsWith(RuntimePackPrefix, StringComparison.Ordinal))
                {
                    return library.Name[RuntimePackPrefix.Length..];
                }
            }
        }

        throw new InvalidDataException($"{publishedDepsJson} names no {RuntimePackPrefix}VERSION: was it published --self-contained -r win-x64?");
    }

    /// <summary>Copies the runtime pack of <paramref name="version"/> from the NuGet package folder to <paramref name="dotnetRoot"/>.</summary>
    public static void Lay(string nugetPackages, string version, string dotnetRoot)
    {
        string pack = Path.Combine(nugetPackages, "microsoft.netcore.app.runtime.win-x64", version, "runtimes", "win-x64");
        string managed = Path.Combine(pack, "lib", "net10.0");
        string native = Path.Combine(pack, "native");
        if (!File.Exists(Path.Combine(managed, "Microsoft.NETCore.App.deps.json")))
        {
            throw new DirectoryNotFoundException($"runtime pack {version} not found (or incomplete) in {nugetPackages}");
        }

        string framework = Path.Combine(dotnetRoot, "shared", "Microsoft.NETCore.App", version);
        string fxr = Path.Combine(dotnetRoot, "host", "fxr", version);
        Directory.CreateDirectory(framework);
        Directory.CreateDirectory(fxr);
        foreach (string file in Directory.EnumerateFiles(managed).Concat(Directory.EnumerateFiles(native)))
        {
            string name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(name == "hostfxr.dll" ? fxr : framework, name), overwrite: true);
        }
    }
}
