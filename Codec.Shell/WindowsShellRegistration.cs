using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RegionCodec.Shell;

/// <summary>One registry value to write, under HKEY_CURRENT_USER. A null <see cref="Name"/> is the key's default value.</summary>
public sealed record RegistryValue(string Key, string? Name, object Value)
{
    public bool IsDword => Value is int;
}

/// <summary>Writes and deletes registry keys; the Windows implementation is <see cref="Win32RegistryWriter"/>, tests use a dictionary.</summary>
public interface IRegistryWriter
{
    void SetValue(string key, string? name, object value);

    /// <summary>Reads a string value, or null when the key or value is missing.</summary>
    string? GetString(string key, string? name);

    /// <summary>Deletes a key and its subkeys; missing keys are ignored.</summary>
    void DeleteTree(string key);

    /// <summary>Deletes one value; a missing key or value is ignored.</summary>
    void DeleteValue(string key, string? name);
}

/// <summary>
/// The per-user (HKCU only, no administrator rights) registration of the Explorer thumbnail provider in
/// Codec.Shell.Windows and of the .rsg file type, as data, so it can be tested anywhere. Keys follow
/// learn.microsoft.com "Thumbnail Handlers" / "Building Thumbnail Handlers": the ShellEx
/// {E357FCCD-...} key under both the extension and SystemFileAssociations, the CLSID with
/// InprocServer32 pointing at the .NET comhost, Content Type and PerceivedType = image.
/// </summary>
public static class WindowsShellRegistration
{
    /// <summary>CLSID of <c>RegionCodec.Shell.Windows.RsgThumbnailProvider</c> (must match its [Guid]).</summary>
    public const string ProviderClsid = "{6A3B1F0E-5C2D-4E8B-9A71-3D2F8C4B5E60}";

    /// <summary>IID of IThumbnailProvider, the ShellEx key name.</summary>
    public const string ThumbnailProviderShellEx = "{e357fccd-a995-4576-b01f-234630154e96}";

    public const string Extension = ".rsg";

    public const string ProgId = "RegionCodec.RsgImage";

    public const string ComHostFileName = "RegionCodec.Shell.Windows.comhost.dll";

    private const string Classes = @"Software\Classes";

    private const string Approved = @"Software\Microsoft\Windows\CurrentVersion\Shell Extensions\Approved";

    /// <summary>Every value <c>rsgconv shell register</c> writes under HKCU, in order.</summary>
    /// <param name="comHostPath">Absolute path of <see cref="ComHostFileName"/> (beside its .dll, .deps.json and .runtimeconfig.json).</param>
    public static IReadOnlyList<RegistryValue> Values(string comHostPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(comHostPath);
        return
        [
            new($@"{Classes}\{Extension}", null, ProgId),
            new($@"{Classes}\{Extension}", "Content Type", LinuxShellIntegration.MimeType),
            new($@"{Classes}\{Extension}", "PerceivedType", "image"),
            new($@"{Classes}\{Extension}\ShellEx\{ThumbnailProviderShellEx}", null, ProviderClsid),
            new($@"{Classes}\SystemFileAssociations\{Extension}\ShellEx\{ThumbnailProviderShellEx}", null, ProviderClsid),
            new($@"{Classes}\{ProgId}", null, "RSG image"),
            new($@"{Classes}\{ProgId}\ShellEx\{ThumbnailProviderShellEx}", null, ProviderClsid),
            new($@"{Classes}\CLSID\{ProviderClsid}", null, "RegionCodec .rsg thumbnail provider"),
            new($@"{Classes}\CLSID\{ProviderClsid}\InprocServer32", null, comHostPath),
            new($@"{Classes}\CLSID\{ProviderClsid}\InprocServer32", "ThreadingModel", "Apartment"),
            new(Approved, ProviderClsid, "RegionCodec .rsg thumbnail provider"),
        ];
    }

    /// <summary>Writes <see cref="Values"/>.</summary>
    public static void Register(IRegistryWriter registry, string comHostPath)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (RegistryValue value in Values(comHostPath))
        {
            registry.SetValue(value.Key, value.Name, value.Value);
        }
    }

    /// <summary>
    /// Removes what <see cref="Register"/> wrote. The .rsg key itself goes only while it still names our ProgID,
    /// so another program that took over the extension keeps it (only our ShellEx entries are removed then).
    /// </summary>
    public static void Unregister(IRegistryWriter registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.DeleteTree($@"{Classes}\CLSID\{ProviderClsid}");
        registry.DeleteTree($@"{Classes}\{ProgId}");
        registry.DeleteTree($@"{Classes}\SystemFileAssociations\{Extension}");
        registry.DeleteValue(Approved, ProviderClsid);
        if (registry.GetString($@"{Classes}\{Extension}", null) == ProgId)
        {
            registry.DeleteTree($@"{Classes}\{Extension}");
        }
        else
        {
            registry.DeleteTree($@"{Classes}\{Extension}\ShellEx\{ThumbnailProviderShellEx}");
        }
    }

    /// <summary>Tells Explorer that file associations changed (SHChangeNotify(SHCNE_ASSOCCHANGED)); Windows only.</summary>
    [SupportedOSPlatform("windows")]
    public static void NotifyAssociationsChanged() => SHChangeNotify(0x08000000, 0, IntPtr.Zero, IntPtr.Zero);

    [DllImport("shell32.dll")]
    [SupportedOSPlatform("windows")]
    private static extern void SHChangeNotify(int eventId, uint flags, IntPtr item1, IntPtr item2);
}

/// <summary><see cref="IRegistryWriter"/> over HKEY_CURRENT_USER (Microsoft.Win32.Registry). Windows only.</summary>
[SupportedOSPlatform("windows")]
public sealed class Win32RegistryWriter : IRegistryWriter
{
    public void SetValue(string key, string? name, object value)
    {
        using Microsoft.Win32.RegistryKey k = Microsoft.Win32.Registry.CurrentUser.CreateSubKey(key, writable: true);
        k.SetValue(name ?? string.Empty, value, value is int ? Microsoft.Win32.RegistryValueKind.DWord : Microsoft.Win32.RegistryValueKind.String);
    }

    public string? GetString(string key, string? name)
    {
        using Microsoft.Win32.RegistryKey? k = Microsoft.Win32.Registry.CurrentUser.OpenSubKey(key);
        return k?.GetValue(name ?? string.Empty) as string;
    }

    public void DeleteTree(string key) => Microsoft.Win32.Registry.CurrentUser.DeleteSubKeyTree(key, throwOnMissingSubKey: false);

    public void DeleteValue(string key, string? name)
    {
        using Microsoft.Win32.RegistryKey? k = Microsoft.Win32.Registry.CurrentUser.OpenSubKey(key, writable: true);
        k?.DeleteValue(name ?? string.Empty, throwOnMissingValue: false);
    }
}
