using System.Runtime.CompilerServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace RegionCodec.ImageSharp;

/// <summary>
/// Registers the .rsg detector, decoder and encoder on a <see cref="Configuration"/>:
/// <c>new Configuration(new PngConfigurationModule(), new RsgConfigurationModule())</c>, or
/// <c>configuration.Configure(new RsgConfigurationModule())</c>, or the one-liner
/// <see cref="RsgImageSharpExtensions.AddRsg(Configuration)"/>.
/// </summary>
public sealed class RsgConfigurationModule : IConfigurationModule
{
    private static readonly ConditionalWeakTable<ImageFormatManager, object> DetectorAdded = new();

    /// <summary>Registers with the default <see cref="RsgImageEncoder"/> and <see cref="RsgImageDecoder"/>.</summary>
    public RsgConfigurationModule()
        : this(new RsgImageEncoder(), new RsgImageDecoder())
    {
    }

    /// <summary>Registers with the given encoder and decoder (for example with other limits or qualities).</summary>
    public RsgConfigurationModule(RsgImageEncoder encoder, RsgImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        Encoder = encoder;
        Decoder = decoder;
    }

    /// <summary>The encoder <c>image.Save("x.rsg")</c> will use.</summary>
    public RsgImageEncoder Encoder { get; }

    /// <summary>The decoder <c>Image.Load</c> will use for .rsg content.</summary>
    public RsgImageDecoder Decoder { get; }

    /// <inheritdoc/>
    public void Configure(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.ImageFormatsManager.SetEncoder(RsgFormat.Instance, Encoder);
        configuration.ImageFormatsManager.SetDecoder(RsgFormat.Instance, Decoder);

        // AddImageFormatDetector adds to a bag (duplicates included) and 2.1 does not expose the bag:
        // remember which format managers already have our detector.
        lock (DetectorAdded)
        {
            if (!DetectorAdded.TryGetValue(configuration.ImageFormatsManager, out _))
            {
                configuration.ImageFormatsManager.AddImageFormatDetector(new RsgImageFormatDetector());
                DetectorAdded.Add(configuration.ImageFormatsManager, new object());
            }
        }
    }
}
