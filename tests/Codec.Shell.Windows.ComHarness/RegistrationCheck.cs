using Microsoft.Win32;

namespace RegionCodec.Shell.Windows.ComHarness;

/// <summary>
/// Reads HKCU back after 'rsgconv shell register' / 'unregister' and lists every difference from
/// <see cref="WindowsShellRegistration.Values"/> (the same list the Linux unit tests check as data).
/// </summary>
internal static class RegistrationCheck
{
    /// <summary>Each registered value that is missing or different; empty when registration is complete.</summary>
    public static IReadOnlyList<string> MissingOrWrong(string comHostPath)
    {
        List<string> problems = [];
        foreach (RegistryValue expected in WindowsShellRegistration.Values(comHostPath))
        {
            using RegistryKey? key = Registry.CurrentUser.OpenSubKey(expected.Key);
            object? actual = key?.GetValue(expected.Name ?? string.Empty);
            if (!Equals(actual, expected.Value))
            {
                problems.Add($@"HKCU\{expected.Key} [{expected.Name ?? "(default)"}] = {actual ?? "(missing)"}, expected {expected.Value}");
            }
        }

        return problems;
    }

    /// <summary>Each registered key or value that is still there; empty when unregistration removed everything.</summary>
    public static IReadOnlyList<string> Leftovers()
    {
        List<string> problems = [];
        foreach (RegistryValue registered in WindowsShellRegistration.Values("unused"))
        {
            using RegistryKey? key = Registry.CurrentUser.OpenSubKey(registered.Key);
            if (key is null)
            {
                continue;
            }

            // The Approved list is shared by every shell extension: only our value must go, not the key.
            bool sharedKey = registered.Name == WindowsShellRegistration.ProviderClsid;
            if (!sharedKey || key.GetValue(registered.Name) is not null)
            {
                problems.Add($@"HKCU\{registered.Key}{(sharedKey ? $" [{registered.Name}]" : "")} still exists");
            }
        }

        return problems.Distinct().ToList();
    }
}
