using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// Several methods layered by priority: layers are given lowest priority first, and each later layer's
/// non-background labels are painted over the earlier ones (faces over GrabCut foreground over
/// background). Disposing it disposes its layers. Labels: 0 "background", then every layer's non-zero labels in layer order.
/// </summary>
public sealed class CombinedSegmenter : OpenCvSegmenter, IDisposable
{
    public CombinedSegmenter(params OpenCvSegmenter[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("Need at least one layer.", nameof(layers));
        }

        Layers = layers;
    }

    /// <summary>Lowest priority first.</summary>
    public IReadOnlyList<OpenCvSegmenter> Layers { get; }

    public override string Name => "combine:" + string.Join('+', Layers.Select(l => l.Name));

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        var labels = new byte[(long)bgr.Rows * bgr.Cols];
        var names = new List<string> { "background" };
        foreach (OpenCvSegmenter layer in Layers)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            PixelSegmentation part = layer.SegmentPixels(bgr, options);
            int offset = names.Count - 1;
            for (int l = 1; l < part.Names.Count && names.Count < 256; l++)
            {
                names.Add(part.Names[l]);
            }

            for (int i = 0; i < labels.Length; i++)
            {
                byte l = part.Labels[i];
                if (l != 0)
                {
                    labels[i] = (byte)Math.Min(255, l + offset);
                }
            }
        }

        return new PixelSegmentation(labels, bgr.Cols, bgr.Rows, names);
    }

    /// <summary>Disposes the layers that hold native objects (the face classifier).</summary>
    public void Dispose()
    {
        foreach (OpenCvSegmenter layer in Layers)
        {
            (layer as IDisposable)?.Dispose();
        }
    }
}
