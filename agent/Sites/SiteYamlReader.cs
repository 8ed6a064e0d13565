using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cybercantal.Edge.Agent.Sites;

/// <summary>
/// Builds a <see cref="SiteYamlNode"/> tree from YamlDotNet's parser events, keeping every node's mark.
/// On a syntax error it reports the error with its position, closes whatever was open and returns the
/// part read so far, so the rest of the checks can still run on it.
/// </summary>
internal static partial class SiteYamlReader
{
    public static SiteYamlNode? Read(string text, SiteDiagnosticBag diagnostics, out bool truncated)
    {
        var cut = false;
        var parser = new Parser(new StringReader(text));
        var open = new Stack<OpenCollection>();
        var anchors = new Dictionary<string, SiteYamlNode>(StringComparer.Ordinal);
        SiteYamlNode? root = null;
        var documents = 0;
        var lastLine = 1;
        var lastColumn = 1;

        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var line = (int)current.Start.Line;
                var column = (int)current.Start.Column;
                (lastLine, lastColumn) = ((int)current.End.Line, (int)current.End.Column);
                switch (current)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Add(line, column, "a site file holds one YAML document; remove this '---' and what follows");
                            truncated = cut;
                            return root;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar scalar:
                        Attach(Anchor(new SiteYamlScalar(line, column, scalar.Value, scalar.Style), scalar.Anchor));
                        break;
                    case AnchorAlias alias:
                        if (anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            Attach(target);
                        }
                        else
                        {
                            diagnostics.Add(line, column, $"unknown alias '*{alias.Value.Value}'");
                            Attach(new SiteYamlScalar(line, column, "", ScalarStyle.Plain));
                        }

                        break;
                    case MappingStart mapping:
                        open.Push(new OpenCollection(Anchor(new SiteYamlMapping(line, column), mapping.Anchor)));
                        break;
                    case SequenceStart sequence:
                        open.Push(new OpenCollection(Anchor(new SiteYamlSequence(line, column), sequence.Anchor)));
                        break;
                    case MappingEnd or SequenceEnd:
                        Attach(open.Pop().Node);
                        break;
                }
            }
        }
        catch (YamlException exception)
        {
            // A problem found further down than the token it belongs to (a tab in the next line) is
            // reported where it is; otherwise at the token.
            var mark = exception.End.Line > exception.Start.Line ? exception.End : exception.Start;
            Truncate((int)mark.Line, (int)mark.Column, CleanMessage(exception.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections: find the bracket.
            var (line, column) = FindUnclosedBracket(text, lastLine) ?? (lastLine, lastColumn);
            Truncate(line, column, "unclosed '{' or '[' (or the parser could not go on after this point)");
        }

        void Truncate(int line, int column, string message)
        {
            cut = true;
            diagnostics.Add(line, column, "YAML syntax error: " + message);
            // Keep what was read: the checks that still make sense run on the partial tree.
            while (open.Count > 0)
            {
                Attach(open.Pop().Node);
            }
        }

        truncated = cut;
        return root;

        SiteYamlNode Anchor(SiteYamlNode node, AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            return node;
        }

        void Attach(SiteYamlNode node)
        {
            if (open.Count == 0)
            {
                root ??= node;
                return;
            }

            var parent = open.Peek();
            switch (parent.Node)
            {
                case SiteYamlSequence sequence:
                    sequence.Items.Add(node);
                    break;
                case SiteYamlMapping mapping when parent.PendingKey is null:
                    if (node is SiteYamlScalar key)
                    {
                        parent.PendingKey = key;
                    }
                    else
                    {
                        diagnostics.Add(node.Line, node.Column, "keys must be plain names, not lists or mappings");
                        parent.PendingKey = new SiteYamlScalar(node.Line, node.Column, "?", ScalarStyle.Plain);
                    }

                    break;
                case SiteYamlMapping mapping:
                    mapping.Entries.Add(new(parent.PendingKey, node));
                    parent.PendingKey = null;
                    break;
            }
        }
    }

    /// <summary>The first bracket from <paramref name="fromLine"/> on that its own line does not close.</summary>
    private static (int Line, int Column)? FindUnclosedBracket(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var index = Math.Max(0, fromLine - 1); index < lines.Length; index++)
        {
            var openings = new Stack<int>();
            var quote = '\0';
            var line = lines[index];
            for (var column = 0; column < line.Length; column++)
            {
                var c = line[column];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#' && (column == 0 || line[column - 1] == ' '))
                {
                    break;
                }
                else if (c is '{' or '[')
                {
                    openings.Push(column);
                }
                else if (c is '}' or ']' && openings.Count > 0)
                {
                    openings.Pop();
                }
            }

            if (openings.Count > 0)
            {
                return (index + 1, openings.Last() + 1);
            }
        }

        return null;
    }

    /// <summary>YamlDotNet prefixes its messages with the marks we already report; drop them.</summary>
    private static string CleanMessage(string message) => MarkPrefix().Replace(message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private sealed class OpenCollection(SiteYamlNode node)
    {
        public SiteYamlNode Node { get; } = node;

        public SiteYamlScalar? PendingKey { get; set; }
    }
}
