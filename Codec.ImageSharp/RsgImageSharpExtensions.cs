using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Metadata;

namespace RegionCodec.ImageSharp;

/// <summary>
/// The extension methods ImageSharp users expect for a format: one-line registration
/// (<see cref="AddRsg(Configuration)"/>), <c>SaveAsRsg</c> / <c>SaveAsRsgAsync</c> and <see cref="GetRsgMetadata"/>.
/// </summary>
public static class RsgImageSharpExtensions
{
    /// <summary>
    /// Registers .rsg (detector, decoder, encoder) on <paramref name="configuration"/> and returns it.
    /// <c>Configuration.Default.AddRsg();</c> makes <c>Image.Load("x.rsg")</c> and <c>image.Save("y.rsg")</c> work everywhere.
    /// Calling it again replaces the encoder and decoder and adds no second detector.
    /// </summary>
    /// <remarks>
    /// ImageSharp 2.1's <c>Configuration.Clone()</c> shares the format manager, so registering on a clone
    /// registers on the original too; for an isolated configuration build a new one
    /// (<c>new Configuration(new PngConfigurationModule(), new RsgConfigurationModule())</c>).
    /// </remarks>
    public static Configuration AddRsg(this Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Configure(new RsgConfigurationModule());
        return configuration;
    }

    /// <summary>Registers .rsg with the given encoder and/or decoder (defaults for the ones left null).</summary>
    public static Configuration AddRsg(this Configuration configuration, RsgImageEncoder? encoder, RsgImageDecoder? decoder = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Configure(new RsgConfigurationModule(encoder ?? new RsgImageEncoder(), decoder ?? new RsgImageDecoder()));
        return configuration;
    }

    /// <summary>The image's .rsg metadata (region table, label map); created empty if the image has none.</summary>
    public static RsgMetadata GetRsgMetadata(this ImageMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.GetFormatMetadata(RsgFormat.Instance);
    }

    /// <summary>Saves as .rsg with the registered encoder (or a default one).</summary>
    public static void SaveAsRsg(this Image source, string path) => SaveAsRsg(source, path, null);

    /// <summary>Saves as .rsg with <paramref name="encoder"/> (the registered or a default one when null).</summary>
    public static void SaveAsRsg(this Image source, string path, RsgImageEncoder? encoder)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Save(path, EncoderFor(source, encoder));
    }

    /// <summary>Writes .rsg to <paramref name="stream"/> with the registered encoder (or a default one).</summary>
    public static void SaveAsRsg(this Image source, Stream stream) => SaveAsRsg(source, stream, null);

    /// <summary>Writes .rsg to <paramref name="stream"/> with <paramref name="encoder"/> (the registered or a default one when null).</summary>
    public static void SaveAsRsg(this Image source, Stream stream, RsgImageEncoder? encoder)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Save(stream, EncoderFor(source, encoder));
    }

    /// <summary>Saves as .rsg asynchronously with the registered encoder (or a default one).</summary>
    public static Task SaveAsRsgAsync(this Image source, string path, CancellationToken cancellationToken = default) =>
        SaveAsRsgAsync(source, path, null, cancellationToken);

    /// <summary>Saves as .rsg asynchronously with <paramref name="encoder"/> (the registered or a default one when null).</summary>
    public static Task SaveAsRsgAsync(this Image source, string path, RsgImageEncoder? encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.SaveAsync(path, EncoderFor(source, encoder), cancellationToken);
    }

    /// <summary>Writes .rsg to <paramref name="stream"/> asynchronously with the registered encoder (or a default one).</summary>
    public static Task SaveAsRsgAsync(this Image source, Stream stream, CancellationToken cancellationToken = default) =>
        SaveAsRsgAsync(source, stream, null, cancellationToken);

    /// <summary>Writes .rsg to <paramref name="stream"/> asynchronously with <paramref name="encoder"/> (the registered or a default one when null).</summary>
    public static Task SaveAsRsgAsync(this Image source, Stream stream, RsgImageEncoder? encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.SaveAsync(stream, EncoderFor(source, encoder), cancellationToken);
    }

    private static SixLabors.ImageSharp.Formats.IImageEncoder EncoderFor(Image source, RsgImageEncoder? encoder) =>
        encoder ?? source.GetConfiguration().ImageFormatsManager.FindEncoder(RsgFormat.Instance) ?? new RsgImageEncoder();
}
