using System.Text.RegularExpressions;

namespace RegionCodec.Shell.Tests;

/// <summary>The per-user registration as data, written to and removed from an in-memory registry.</summary>
public sealed class WindowsRegistrationTests
{
    private const string ComHost = @"C:\Users\me\AppData\Local\RegionCodec\RegionCodec.Shell.Windows.comhost.dll";

    [Fact]
    public void ValuesRegisterTheThumbnailProviderAndTheFileTypeUnderHkcu()
    {
        IReadOnlyList<RegistryValue> values = WindowsShellRegistration.Values(ComHost);
        Assert.All(values, v => Assert.StartsWith(@"Software\", v.Key, StringComparison.Ordinal));
        string Get(string key, string? name) => (string)Assert.Single(values, v => v.Key == key && v.Name == name).Value;

        const string Clsid = WindowsShellRegistration.ProviderClsid;
        const string ShellEx = "{e357fccd-a995-4576-b01f-234630154e96}";
        Assert.Equal(Clsid, Get($@"Software\Classes\.rsg\ShellEx\{ShellEx}", null));
        Assert.Equal(Clsid, Get($@"Software\Classes\SystemFileAssociations\.rsg\ShellEx\{ShellEx}", null));
        Assert.Equal("image", Get(@"Software\Classes\.rsg", "PerceivedType"));
        Assert.Equal("image/x-rsg", Get(@"Software\Classes\.rsg", "Content Type"));
        Assert.Equal(ComHost, Get($@"Software\Classes\CLSID\{Clsid}\InprocServer32", null));
        Assert.Equal("Apartment", Get($@"Software\Classes\CLSID\{Clsid}\InprocServer32", "ThreadingModel"));
        Assert.Matches("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$", Clsid);
        Assert.DoesNotContain(values, v => v.Name == "DisableProcessIsolation");   // stream initialisation, out of process
    }

    [Fact]
    public void ClsidMatchesTheComClass()
    {
        string source = File.ReadAllText(Path.Combine(Repo.Root, "Codec.Shell.Windows", "RsgThumbnailProvider.cs"));
        Match guid = Regex.Match(source, "\\[Guid\\(\"([0-9A-Fa-f-]{36})\"\\)\\]\\s*(\\[[^\\]]*\\]\\s*)*public (sealed )?class RsgThumbnailProvider");
        Assert.True(guid.Success, "RsgThumbnailProvider has no [Guid]");
        Assert.Equal(WindowsShellRegistration.ProviderClsid.Trim('{', '}'), guid.Groups[1].Value.ToUpperInvariant());
    }

    [Fact]
    public void UnregisterRemovesEverythingRegisterWrote()
    {
        var registry = new FakeRegistry();
        registry.SetValue(@"Software\Classes\.png", null, "pngfile");
        registry.SetValue(@"Software\Microsoft\Windows\CurrentVersion\Shell Extensions\Approved", "{00000000-0000-0000-0000-000000000001}", "other");
        string before = registry.Dump();

        WindowsShellRegistration.Register(registry, ComHost);
        Assert.Equal(WindowsShellRegistration.Values(ComHost).Count + 2, registry.Count);
        WindowsShellRegistration.Unregister(registry);
        Assert.Equal(before, registry.Dump());
    }

    [Fact]
    public void UnregisterKeepsAnExtensionAnotherProgramTookOver()
    {
        var registry = new FakeRegistry();
        WindowsShellRegistration.Register(registry, ComHost);
        registry.SetValue(@"Software\Classes\.rsg", null, "OtherViewer.rsg");
        WindowsShellRegistration.Unregister(registry);
        Assert.Equal("OtherViewer.rsg", registry.GetString(@"Software\Classes\.rsg", null));
        Assert.DoesNotContain("{e357fccd", registry.Dump(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WindowsShellRegistration.ProviderClsid, registry.Dump(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Keys are case-insensitive, as in the Windows registry.</summary>
    private sealed class FakeRegistry : IRegistryWriter
    {
        private readonly SortedDictionary<(string Key, string Name), object> _values = new(new KeyComparer());

        public int Count => _values.Count;

        public void SetValue(string key, string? name, object value) => _values[(key, name ?? "")] = value;

        public string? GetString(string key, string? name) => _values.TryGetValue((key, name ?? ""), out object? v) ? v as string : null;

        public void DeleteTree(string key)
        {
            foreach ((string Key, string Name) k in _values.Keys.Where(k =>
                         string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase) ||
                         k.Key.StartsWith(key + "\\", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _values.Remove(k);
            }
        }

        public void DeleteValue(string key, string? name) => _values.Remove((key, name ?? ""));

        public string Dump() => string.Join("\n", _values.Select(kv => $"{kv.Key.Key}|{kv.Key.Name}={kv.Value}"));

        private sealed class KeyComparer : IComparer<(string Key, string Name)>
        {
            public int Compare((string Key, string Name) x, (string Key, string Name) y)
            {
                int c = string.Compare(x.Key, y.Key, StringComparison.OrdinalIgnoreCase);
                return c != 0 ? c : string.Compare(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
