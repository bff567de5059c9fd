using SixLabors.ImageSharp.Formats;

namespace RegionCodec.ImageSharp;

/// <summary>
/// The .rsg format as ImageSharp sees it: name "RSG", MIME type <c>image/x-rsg</c>, extension <c>.rsg</c>.
/// ImageSharp keys decoders and encoders by format object, so always use <see cref="Instance"/>.
/// </summary>
public sealed class RsgFormat : IImageFormat<RsgMetadata>
{
    private RsgFormat()
    {
    }

    /// <summary>The one instance, used as the key in <c>Configuration.ImageFormatsManager</c>.</summary>
    public static RsgFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "RSG";

    /// <inheritdoc/>
    public string DefaultMimeType => RsgConstants.MimeType;

    /// <inheritdoc/>
    public IEnumerable<string> MimeTypes { get; } = [RsgConstants.MimeType];

    /// <inheritdoc/>
    public IEnumerable<string> FileExtensions { get; } = [RsgConstants.FileExtension];

    /// <inheritdoc/>
    public RsgMetadata CreateDefaultFormatMetadata() => new();
}
