namespace RegionCodec.Segmentation;

/// <summary>
/// Turns raw label grids into label maps the format accepts and a codec can use well: per-pixel labels
/// to cells, a mode filter (the multi-label equivalent of opening and closing), a minimum region area,
/// and at most <see cref="RsgConstants.MaxRegions"/> labels. Deterministic; managed, no OpenCV.
/// </summary>
public static class RsgLabelCleaner
{
    /// <summary>
    /// Per-pixel labels (row-major, <paramref name="width"/> per row) to one label per cell of
    /// <paramref name="cellSize"/> pixels: the highest label covering at least a quarter of the cell
    /// (labels are in priority order, so a face edge keeps face quality), else the most frequent.
    /// </summary>
    public static byte[] ToCells(ReadOnlySpan<byte> pixelLabels, int width, int height, int cellSize)
    {
        if (cellSize is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "Cell size must be 1, 2, 4 or 8.");
        }

        if (pixelLabels.Length != (long)width * height)
        {
            throw new ArgumentException("Need width x height labels.", nameof(pixelLabels));
        }

        if (cellSize == 1)
        {
            return pixelLabels.ToArray();
        }

        int cw = RsgLabelMap.CellsAlong(width, cellSize), ch = RsgLabelMap.CellsAlong(height, cellSize);
        var cells = new byte[(long)cw * ch];
        Span<int> counts = stackalloc int[256];
        for (int cy = 0; cy < ch; cy++)
        {
            int y0 = cy * cellSize, y1 = Math.Min(height, y0 + cellSize);
            for (int cx = 0; cx < cw; cx++)
            {
                int x0 = cx * cellSize, x1 = Math.Min(width, x0 + cellSize);
                counts.Clear();
                int max = 0;
                for (int y = y0; y < y1; y++)
                {
                    ReadOnlySpan<byte> row = pixelLabels.Slice((y * width) + x0, x1 - x0);
                    foreach (byte l in row)
                    {
                        counts[l]++;
                        max = Math.Max(max, l);
                    }
                }

                int area = (y1 - y0) * (x1 - x0);
                int chosen = -1, mostCount = -1, most = 0;
                for (int l = max; l >= 0; l--)
                {
                    if (chosen < 0 && counts[l] * 4 >= area)
                    {
                        chosen = l;
                    }

                    if (counts[l] > mostCount)
                    {
                        mostCount = counts[l];
                        most = l;
                    }
                }

                cells[(cy * cw) + cx] = (byte)(chosen >= 0 ? chosen : most);
            }
        }

        return cells;
    }

    /// <summary>
    /// Cleans a label grid in place and compacts its labels to 0..n-1 (keeping their order). Returns the
    /// mapping from old label to new label (-1 for a label that no longer occurs).
    /// </summary>
    /// <param name="smoothingRadius">Mode-filter radius in cells (0 = none). Skipped when more than 32 labels occur.</param>
    /// <param name="minArea">Connected regions (4-connected) smaller than this many cells join their most common neighbour.</param>
    /// <param name="maxRegions">Most labels kept; the smallest labels join their most common neighbour.</param>
    public static int[] Clean(byte[] labels, int width, int height, int smoothingRadius, int minArea, int maxRegions = RsgConstants.MaxRegions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != (long)width * height)
        {
            throw new ArgumentException("Need width x height labels.", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegions, 1);
        maxRegions = Math.Min(maxRegions, RsgConstants.MaxRegions);
        if (smoothingRadius > 0)
        {
            ModeFilter(labels, width, height, smoothingRadius);
        }

        if (minArea > 1)
        {
            RemoveSmallComponents(labels, width, height, minArea);
        }

        LimitLabels(labels, width, height, maxRegions);
        return Compact(labels);
    }

    /// <summary>Each cell takes the most frequent label in its (2r+1)^2 window; ties keep the cell's own label, else the higher label.</summary>
    public static void ModeFilter(byte[] labels, int width, int height, int radius)
    {
        Span<bool> present = stackalloc bool[256];
        foreach (byte l in labels)
        {
            present[l] = true;
        }

        var used = new List<int>();
        for (int l = 0; l < 256; l++)
        {
            if (present[l])
            {
                used.Add(l);
            }
        }

        if (used.Count < 2 || used.Count > 32)
        {
            return;
        }

        // One integral image per label present.
        int iw = width + 1;
        var integrals = new int[used.Count][];
        for (int k = 0; k < used.Count; k++)
        {
            byte label = (byte)used[k];
            var s = new int[(long)iw * (height + 1)];
            for (int y = 0; y < height; y++)
            {
                int rowSum = 0;
                for (int x = 0; x < width; x++)
                {
                    rowSum += labels[(y * width) + x] == label ? 1 : 0;
                    s[((y + 1) * iw) + x + 1] = s[(y * iw) + x + 1] + rowSum;
                }
            }

            integrals[k] = s;
        }

        var result = new byte[labels.Length];
        for (int y = 0; y < height; y++)
        {
            int y0 = Math.Max(0, y - radius), y1 = Math.Min(height, y + radius + 1);
            for (int x = 0; x < width; x++)
            {
                int x0 = Math.Max(0, x - radius), x1 = Math.Min(width, x + radius + 1);
                byte own = labels[(y * width) + x];
                int best = -1, bestCount = -1;
                for (int k = 0; k < used.Count; k++)
                {
                    int[] s = integrals[k];
                    int c = s[(y1 * iw) + x1] - s[(y0 * iw) + x1] - s[(y1 * iw) + x0] + s[(y0 * iw) + x0];
                    if (c > bestCount || (c == bestCount && (used[k] == own || (best != own && used[k] > best))))
                    {
                        bestCount = c;
                        best = used[k];
                    }
                }

                result[(y * width) + x] = (byte)best;
            }
        }

        result.CopyTo(labels, 0);
    }

    /// <summary>
    /// 4-connected regions smaller than <paramref name="minArea"/> cells take their most common neighbouring
    /// label, except the largest region of each label, so cleaning never removes a label altogether.
    /// </summary>
    public static void RemoveSmallComponents(byte[] labels, int width, int height, int minArea)
    {
        var component = new int[labels.Length];
        var stack = new Stack<int>();
        var members = new List<int>();
        Span<int> neighbourCounts = stackalloc int[256];
        var largest = new int[256];
        for (int pass = 0; pass < 4; pass++)
        {
            LargestComponents(labels, width, height, largest);
            Array.Fill(component, -1);
            bool changed = false;
            int next = 0;
            for (int start = 0; start < labels.Length; start++)
            {
                if (component[start] >= 0)
                {
                    continue;
                }

                byte label = labels[start];
                int id = next++;
                members.Clear();
                component[start] = id;
                stack.Push(start);
                while (stack.Count > 0)
                {
                    int i = stack.Pop();
                    members.Add(i);
                    int x = i % width, y = i / width;
                    Visit(x > 0, i - 1);
                    Visit(x < width - 1, i + 1);
                    Visit(y > 0, i - width);
                    Visit(y < height - 1, i + width);
                }

                if (members.Count >= minArea)
                {
                    continue;
                }

                // Never drop a region kind, only its specks: a label's largest component stays.
                if (members.Count >= largest[label])
                {
                    continue;
                }

                neighbourCounts.Clear();
                foreach (int i in members)
                {
                    int x = i % width, y = i / width;
                    Count(neighbourCounts, x > 0, i - 1);
                    Count(neighbourCounts, x < width - 1, i + 1);
                    Count(neighbourCounts, y > 0, i - width);
                    Count(neighbourCounts, y < height - 1, i + width);
                }

                int best = -1, bestCount = 0;
                for (int l = 0; l < 256; l++)
                {
                    if (l != label && neighbourCounts[l] > bestCount)
                    {
                        bestCount = neighbourCounts[l];
                        best = l;
                    }
                }

                if (best >= 0)
                {
                    foreach (int i in members)
                    {
                        labels[i] = (byte)best;
                    }

                    changed = true;
                }

                void Visit(bool inside, int j)
                {
                    if (inside && component[j] < 0 && labels[j] == label)
                    {
                        component[j] = id;
                        stack.Push(j);
                    }
                }
            }

            if (!changed)
            {
                return;
            }
        }

        void Count(Span<int> counts, bool inside, int j)
        {
            if (inside)
            {
                counts[labels[j]]++;
            }
        }
    }

    private static void LargestComponents(byte[] labels, int width, int height, int[] largest)
    {
        Array.Clear(largest);
        var seen = new bool[labels.Length];
        var stack = new Stack<int>();
        for (int start = 0; start < labels.Length; start++)
        {
            if (seen[start])
            {
                continue;
            }

            byte label = labels[start];
            int size = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                size++;
                int x = i % width, y = i / width;
                if (x > 0 && !seen[i - 1] && labels[i - 1] == label) { seen[i - 1] = true; stack.Push(i - 1); }
                if (x < width - 1 && !seen[i + 1] && labels[i + 1] == label) { seen[i + 1] = true; stack.Push(i + 1); }
                if (y > 0 && !seen[i - width] && labels[i - width] == label) { seen[i - width] = true; stack.Push(i - width); }
                if (y < height - 1 && !seen[i + width] && labels[i + width] == label) { seen[i + width] = true; stack.Push(i + width); }
            }

            largest[label] = Math.Max(largest[label], size);
        }
    }

    /// <summary>While more than <paramref name="maxRegions"/> labels occur, the least frequent joins its most common neighbouring label.</summary>
    public static void LimitLabels(byte[] labels, int width, int height, int maxRegions)
    {
        var area = new long[256];
        foreach (byte l in labels)
        {
            area[l]++;
        }

        int distinct = area.Count(a => a > 0);
        while (distinct > maxRegions)
        {
            int smallest = -1;
            for (int l = 0; l < 256; l++)
            {
                if (area[l] > 0 && (smallest < 0 || area[l] < area[smallest]))
                {
                    smallest = l;
                }
            }

            var neighbours = new long[256];
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != smallest)
                {
                    continue;
                }

                int x = i % width, y = i / width;
                if (x > 0) neighbours[labels[i - 1]]++;
                if (x < width - 1) neighbours[labels[i + 1]]++;
                if (y > 0) neighbours[labels[i - width]]++;
                if (y < height - 1) neighbours[labels[i + width]]++;
            }

            neighbours[smallest] = 0;
            int target = -1;
            for (int l = 0; l < 256; l++)
            {
                if (neighbours[l] > 0 && (target < 0 || neighbours[l] > neighbours[target]))
                {
                    target = l;
                }
            }

            if (target < 0)
            {
                // Not adjacent to anything (cannot happen with two or more labels in a connected grid).
                target = Array.FindIndex(area, a => a > 0 && a != area[smallest]);
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] == smallest)
                {
                    labels[i] = (byte)target;
                }
            }

            area[target] += area[smallest];
            area[smallest] = 0;
            distinct--;
        }
    }

    /// <summary>Renumbers the labels that occur to 0..n-1 in their order; returns old-to-new (-1 = absent).</summary>
    public static int[] Compact(byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var map = new int[256];
        Array.Fill(map, -1);
        foreach (byte l in labels)
        {
            map[l] = 0;
        }

        int n = 0;
        for (int l = 0; l < 256; l++)
        {
            if (map[l] == 0)
            {
                map[l] = n++;
            }
        }

        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)map[labels[i]];
        }

        return map;
    }
}
