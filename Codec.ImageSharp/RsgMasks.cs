using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.ImageSharp;

/// <summary>Builds label maps for <see cref="RsgImageEncoder.Labels"/> from ImageSharp shapes and images.</summary>
public static class RsgMasks
{
    /// <summary>
    /// Label <paramref name="label"/> for every cell that overlaps <paramref name="area"/>, 0 elsewhere:
    /// a foreground rectangle over a background.
    /// </summary>
    public static RsgLabelMap Rectangle(Size imageSize, Rectangle area, byte label = 1, int cellSize = 8)
    {
        RsgLabelMap map = RsgLabelMap.Uniform(imageSize.Width, imageSize.Height, cellSize);
        Rectangle clipped = SixLabors.ImageSharp.Rectangle.Intersect(area, new Rectangle(Point.Empty, imageSize));
        if (clipped.Width <= 0 || clipped.Height <= 0)
        {
            return map;
        }

        int x0 = clipped.Left / cellSize, x1 = (clipped.Right - 1) / cellSize;
        int y0 = clipped.Top / cellSize, y1 = (clipped.Bottom - 1) / cellSize;
        for (int cy = y0; cy <= y1; cy++)
        {
            map.Labels.AsSpan((cy * map.Width) + x0, x1 - x0 + 1).Fill(label);
        }

        return map;
    }

    /// <summary>
    /// A label map from a mask image of the same size: each cell gets the largest <see cref="L8"/> value
    /// found in it, mapped through <paramref name="labelOf"/> (default: 0 stays 0, anything else is 1).
    /// Paint the important parts of a mask white and they become region 1.
    /// </summary>
    public static RsgLabelMap FromImage(Image<L8> mask, int cellSize = 8, Func<byte, byte>? labelOf = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        labelOf ??= static v => v == 0 ? (byte)0 : (byte)1;
        RsgLabelMap map = RsgLabelMap.Uniform(mask.Width, mask.Height, cellSize);
        byte[] max = new byte[map.Labels.Length];
        mask.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<L8> row = accessor.GetRowSpan(y);
                int cellRow = y / cellSize * map.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    ref byte m = ref max[cellRow + (x / cellSize)];
                    m = Math.Max(m, row[x].PackedValue);
                }
            }
        });

        for (int i = 0; i < max.Length; i++)
        {
            map.Labels[i] = labelOf(max[i]);
        }

        return map;
    }
}
