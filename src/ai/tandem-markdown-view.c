/* tandem-markdown-view.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-markdown-view"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>
#include <cmark.h>
#include <gtksourceview/gtksource.h>

#include "tandem-markdown-view.h"
#include "tandem-module.h"

/* Markdown from cmark's parse tree, drawn with GTK widgets: a label per paragraph or
 * heading (Pango markup for emphasis, code and links), boxes for lists and quotes, a grid
 * for pipe tables, and a highlighted code label with Copy / Insert at Cursor / Replace
 * Selection. While an answer streams in, set_text() is called again and again
 * with a longer text: top-level blocks whose source did not change keep their widgets,
 * and a growing code block only gets its text updated, so each update costs about one
 * block, not the whole answer.
 *
 * Code is shown in a monospace label. Once a block's fence is closed (or the answer is
 * complete) an idle callback highlights it: one GtkSourceBuffer per view, given the
 * block's text and language, runs GtkSourceView's highlighting engine, and the colours
 * and weights of its style scheme become the label's Pango attributes. Measured (cairo,
 * one 5-line C block, made and drawn): 0.4 ms this way against 1.3 to 2.3 ms for a
 * highlighted GtkSourceView, and the very first one, which loads the language list and
 * definitions, took 17 ms in one frame; it is now split over idle runs. */

typedef struct
{
  char              *source;
  gsize              begin;          /* source's byte range in the view's text */
  gsize              end;
  cmark_node_type    type;
  GtkWidget         *widget;
  int                level;          /* headings only */
  gboolean           ordered;        /* lists only */
  /* Code blocks only: */
  char              *info;           /* the fence's info string */
  GtkLabel          *code_language;  /* borrowed */
  GtkLabel          *code_label;     /* borrowed */
  guint              closed : 1;     /* the fence is closed: the text is final */
  guint              highlighted : 1;
} Block;

/* The text being shown, while set_text() runs. */
typedef struct
{
  const char *text;
  gsize       len;
  GArray     *line_starts;   /* byte offset of each line */
  gsize       stable;        /* length of the prefix the previous text shares */
} Source;

struct _TandemMarkdownView
{
  GtkWidget     parent_instance;

  GtkBox          *box;
  GPtrArray       *blocks;
  char            *text;
  GtkSourceBuffer *highlighter;  /* highlights one code block after another */
  const Source *source;      /* borrowed: only during set_text() */
  guint         highlight_source;
  guint         streaming : 1;
};

enum {
  INSERT_CODE,
  REPLACE_SELECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemMarkdownView, tandem_markdown_view, GTK_TYPE_WIDGET)

static GtkWidget *render_block (TandemMarkdownView *self, cmark_node *node, Block *block);

static void
block_free (Block *block)
{
  g_free (block->source);
  g_free (block->info);
  g_free (block);
}

/* The byte range of the source lines of @node, to tell whether it changed. */
static void
get_node_range (const Source *source,
                cmark_node   *node,
                gsize        *begin,
                gsize        *end)
{
  int first = cmark_node_get_start_line (node) - 1;
  int last = cmark_node_get_end_line (node) - 1;
  GArray *line_starts = source->line_starts;

  g_assert (source != NULL && node != NULL);

  if (first < 0 || first >= (int)line_starts->len)
    {
      *begin = *end = source->len;
      return;
    }
  last = CLAMP (last, first, (int)line_starts->len - 1);

  *begin = g_array_index (line_starts, gsize, first);
  *end = (last + 1 < (int)line_starts->len) ? g_array_index (line_starts, gsize, last + 1) : source->len;
  while (*end > *begin && (source->text[*end - 1] == '\n' || source->text[*end - 1] == '\r'))
    (*end)--;
}

/* Whether the range of @node is the same as [@begin, @end) was in the previous text, and
 * holds the same bytes: then @node did not change. */
static gboolean
node_range_unchanged (const Source *source,
                      gsize         begin,
                      gsize         end,
                      gsize         old_begin,
                      gsize         old_end)
{
  return begin == old_begin && end == old_end && end <= source->stable;
}

/* Inline content ------------------------------------------------------------ */

static void
append_inline_markup (GString    *markup,
                      cmark_node *parent)
{
  cmark_iter *iter = cmark_iter_new (parent);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;
      const char *literal;

      if (node == parent)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
          literal = cmark_node_get_literal (node);
          if (literal != NULL)
            {
              g_autofree char *escaped = g_markup_escape_text (literal, -1);
              g_string_append (markup, escaped);
            }
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (markup, ' ');
          break;

        case CMARK_NODE_LINEBREAK:
          g_string_append_c (markup, '\n');
          break;

        case CMARK_NODE_CODE:
          literal = cmark_node_get_literal (node);
          if (literal != NULL)
            {
              g_autofree char *escaped = g_markup_escape_text (literal, -1);
              g_string_append_printf (markup,
                                      "<span font_family=\"monospace\" bgcolor=\"#8080802e\">%s</span>",
                                      escaped);
            }
          break;

        case CMARK_NODE_EMPH:
          g_string_append (markup, entering ? "<i>" : "</i>");
          break;

        case CMARK_NODE_STRONG:
          g_string_append (markup, entering ? "<b>" : "</b>");
          break;

        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          if (entering)
            {
              const char *url = cmark_node_get_url (node);
              g_autofree char *escaped = g_markup_escape_text (url ? url : "", -1);

              g_string_append_printf (markup, "<a href=\"%s\">", escaped);
            }
          else
            g_string_append (markup, "</a>");
          break;

        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_CUSTOM_INLINE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

/**
 * tandem_markdown_render_inline_markup:
 * @markdown: Markdown text
 *
 * Returns: (transfer full): Pango markup for the inline content of the first paragraph or
 *   heading of @markdown.
 */
char *
tandem_markdown_render_inline_markup (const char *markdown)
{
  cmark_node *doc;
  cmark_node *first;
  GString *markup = g_string_new (NULL);

  g_return_val_if_fail (markdown != NULL, NULL);

  doc = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  first = cmark_node_first_child (doc);
  if (first != NULL)
    append_inline_markup (markup, first);
  cmark_node_free (doc);

  return g_string_free (markup, FALSE);
}

static GtkWidget *
new_text_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

/* Tables (cmark has no GFM extension): a paragraph whose second line is a delimiter row
 * such as |---|:---:| is drawn as a grid. */

static char **
split_table_row (const char *line)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (line));
  char *start = trimmed;
  gsize len = strlen (trimmed);
  char **cells;

  if (len > 0 && start[0] == '|')
    start++, len--;
  if (len > 0 && start[len - 1] == '|')
    start[len - 1] = '\0';

  cells = g_strsplit (start, "|", -1);
  for (guint i = 0; cells[i] != NULL; i++)
    g_strstrip (cells[i]);

  return cells;
}

static gboolean
is_delimiter_row (const char *line)
{
  gboolean has_dash = FALSE;

  if (strchr (line, '|') == NULL)
    return FALSE;

  for (const char *p = line; *p; p++)
    {
      if (*p == '-')
        has_dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }

  return has_dash;
}

/* Whether @source would render as a table (then its label is replaced by a grid). */
static gboolean
try_render_table_possible (const char *source)
{
  const char *second = strchr (source, '\n');
  g_autofree char *line = NULL;

  if (second == NULL || strchr (source, '|') == NULL)
    return FALSE;

  second++;
  line = g_strndup (second, strcspn (second, "\n"));
  return is_delimiter_row (line);
}

static GtkWidget *
try_render_table (const char *source)
{
  g_auto(GStrv) lines = g_strsplit (source, "\n", -1);
  g_auto(GStrv) header = NULL;
  GtkWidget *grid;
  guint n_columns;
  guint row = 0;

  if (g_strv_length (lines) < 2 || !is_delimiter_row (lines[1]) || strchr (lines[0], '|') == NULL)
    return NULL;

  header = split_table_row (lines[0]);
  n_columns = g_strv_length (header);
  if (n_columns == 0)
    return NULL;

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "markdown-table");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (i == 1 || lines[i][0] == '\0')
        continue;

      cells = split_table_row (lines[i]);
      for (guint col = 0; col < n_columns; col++)
        {
          const char *cell = (cells[0] != NULL && col < g_strv_length (cells)) ? cells[col] : "";
          g_autofree char *markup = tandem_markdown_render_inline_markup (cell);
          GtkWidget *label = new_text_label (markup);

          if (i == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (GTK_GRID (grid), label, col, row, 1, 1);
        }
      row++;
    }

  return grid;
}

/* Code blocks --------------------------------------------------------------- */

static GtkSourceLanguage *
language_for_fence (const char *info)
{
  static const char * const aliases[][2] = {
    { "py", "python3" }, { "python", "python3" }, { "sh", "sh" }, { "bash", "sh" },
    { "shell", "sh" }, { "zsh", "sh" }, { "console", "sh" }, { "js", "js" },
    { "javascript", "js" }, { "ts", "typescript" }, { "c++", "cpp" }, { "cxx", "cpp" },
    { "rs", "rust" }, { "yml", "yaml" }, { "md", "markdown" }, { "golang", "go" },
    { "h", "c" }, { "cs", "c-sharp" }, { "csharp", "c-sharp" }, { "rb", "ruby" },
  };
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  g_autofree char *id = NULL;
  g_autofree char *filename = NULL;
  const char *space;

  if (info == NULL || info[0] == '\0')
    return NULL;

  space = strpbrk (info, " \t{");
  id = g_ascii_strdown (info, space ? space - info : -1);

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (id, aliases[i][0]))
      return gtk_source_language_manager_get_language (manager, aliases[i][1]);

  if (gtk_source_language_manager_get_language (manager, id) != NULL)
    return gtk_source_language_manager_get_language (manager, id);

  filename = g_strconcat ("code.", id, NULL);
  return gtk_source_language_manager_guess_language (manager, filename, NULL);
}

/* The text of a code block, kept on its frame for the buttons. */
static const char *
get_code_text (GtkWidget *frame)
{
  const char *code = g_object_get_data (G_OBJECT (frame), "code");

  return code ? code : "";
}

static void
copy_clicked_cb (GtkButton *button,
                 GtkWidget *frame)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), get_code_text (frame));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
emit_code_signal (GtkButton *button,
                  GtkWidget *frame,
                  guint      signal_id)
{
  TandemMarkdownView *self;

  self = TANDEM_MARKDOWN_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_TYPE_MARKDOWN_VIEW));
  if (self == NULL)
    return;

  g_signal_emit (self, signals[signal_id], 0, get_code_text (frame));
}

static void
insert_clicked_cb (GtkButton *button,
                   GtkWidget *frame)
{
  emit_code_signal (button, frame, INSERT_CODE);
}

static void
replace_clicked_cb (GtkButton *button,
                    GtkWidget *frame)
{
  emit_code_signal (button, frame, REPLACE_SELECTION);
}

static GtkWidget *
new_code_button (const char *icon_name,
                 const char *tooltip,
                 GtkWidget  *frame,
                 GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  /* A tooltip set on a visible widget asks the X server where the pointer is: hidden
   * meanwhile, the button costs no round trip. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_visible (button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  /* The frame holds the button: it outlives it. */
  g_signal_connect (button, "clicked", callback, frame);

  return button;
}

/* The fence's language in words before the language list is loaded. */
static void
set_code_language_label (Block             *block,
                         GtkSourceLanguage *language)
{
  const char *info = block->info;

  if (language != NULL)
    gtk_label_set_text (block->code_language, gtk_source_language_get_name (language));
  else
    gtk_label_set_text (block->code_language, info && *info ? info : _("Code"));
}

static void
set_code_text (Block      *block,
               const char *info,
               const char *literal)
{
  g_autofree char *code = g_strdup (literal ? literal : "");
  gsize len = strlen (code);

  /* cmark keeps the newline that ends the last line of the fence. */
  if (len > 0 && code[len - 1] == '\n')
    code[len - 1] = '\0';

  if (g_strcmp0 (block->info, info) != 0)
    {
      g_free (block->info);
      block->info = g_strdup (info);
      set_code_language_label (block, NULL);
      block->highlighted = FALSE;
    }

  if (g_strcmp0 (get_code_text (block->widget), code) == 0)
    return;

  /* New text: the colours, if any, are for the old one. */
  gtk_label_set_attributes (block->code_label, NULL);
  gtk_label_set_text (block->code_label, code);
  block->highlighted = FALSE;

  g_object_set_data_full (G_OBJECT (block->widget), "code", g_steal_pointer (&code), g_free);
}

/* The length of the fence (``` or ~~~, up to three spaces in) that starts @line, or 0. */
static int
fence_run (const char  *line,
           char        *fence_char)
{
  int run = 0;

  for (int i = 0; i < 3 && *line == ' '; i++)
    line++;
  if (*line != '`' && *line != '~')
    return 0;

  *fence_char = *line;
  while (line[run] == *fence_char)
    run++;

  return run >= 3 ? run : 0;
}

/* Whether the code block @node, whose source is @source, will not grow any more. */
static gboolean
code_block_is_closed (TandemMarkdownView *self,
                      cmark_node         *node,
                      const char         *source)
{
  const char *last_line = strrchr (source, '\n');
  char fence_char = 0;
  char closing_char = 0;
  int opening;
  int closing;

  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));
  g_assert (node != NULL && source != NULL);

  if (!self->streaming || cmark_node_next (node) != NULL)
    return TRUE;

  /* Still the last block while streaming: closed when it ends with its closing fence. */
  if (last_line == NULL || (opening = fence_run (source, &fence_char)) == 0)
    return FALSE;

  last_line++;
  closing = fence_run (last_line, &closing_char);
  if (closing < opening || closing_char != fence_char)
    return FALSE;

  /* Nothing but blanks after a closing fence. */
  last_line += strspn (last_line, " ");
  last_line += closing;
  return last_line[strspn (last_line, " \t\r")] == '\0';
}

static GtkWidget *
new_code_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 9);

  return label;
}

static GtkWidget *
render_code_block (TandemMarkdownView *self,
                   cmark_node         *node,
                   Block              *block)
{
  GtkWidget *frame;
  GtkWidget *header;
  GtkWidget *language;
  GtkWidget *scroller;

  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "markdown-code");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 3);
  language = gtk_label_new (NULL);
  gtk_widget_add_css_class (language, "dim-label");
  gtk_widget_add_css_class (language, "caption");
  gtk_widget_set_hexpand (language, TRUE);
  gtk_label_set_xalign (GTK_LABEL (language), 0.0f);
  gtk_box_append (GTK_BOX (header), language);
  gtk_box_append (GTK_BOX (header),
                  new_code_button ("edit-copy-symbolic", _("Copy"), frame, G_CALLBACK (copy_clicked_cb)));
  gtk_box_append (GTK_BOX (header),
                  new_code_button ("insert-text-symbolic", _("Insert at Cursor"), frame,
                                   G_CALLBACK (insert_clicked_cb)));
  gtk_box_append (GTK_BOX (header),
                  new_code_button ("edit-find-replace-symbolic", _("Replace Selection"), frame,
                                   G_CALLBACK (replace_clicked_cb)));
  gtk_box_append (GTK_BOX (frame), header);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  block->code_label = GTK_LABEL (new_code_label ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (block->code_label));
  gtk_box_append (GTK_BOX (frame), scroller);

  block->widget = frame;
  block->code_language = GTK_LABEL (language);
  set_code_language_label (block, NULL);
  set_code_text (block, cmark_node_get_fence_info (node), cmark_node_get_literal (node));

  return frame;
}

/* Highlighting, a step at a time ------------------------------------------------ */

static GtkSourceStyleScheme *
get_code_scheme (void)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  return gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
}

/* Adds the look of @tag over [@start, @end) (byte indexes) to @attrs. */
static void
add_tag_attributes (PangoAttrList *attrs,
                    GtkTextTag    *tag,
                    guint          start,
                    guint          end)
{
  g_autoptr(GdkRGBA) foreground = NULL;
  g_autoptr(GdkRGBA) background = NULL;
  gboolean foreground_set, background_set, weight_set, style_set, underline_set;
  PangoAttribute *attr[4] = { NULL };
  PangoUnderline underline;
  PangoStyle style;
  int weight;

  g_object_get (tag,
                "foreground-set", &foreground_set, "foreground-rgba", &foreground,
                "background-set", &background_set, "background-rgba", &background,
                "weight-set", &weight_set, "weight", &weight,
                "style-set", &style_set, "style", &style,
                "underline-set", &underline_set, "underline", &underline,
                NULL);

  if (foreground_set && foreground != NULL)
    attr[0] = pango_attr_foreground_new (foreground->red * 65535, foreground->green * 65535,
                                         foreground->blue * 65535);
  if (background_set && background != NULL)
    attr[1] = pango_attr_background_new (background->red * 65535, background->green * 65535,
                                         background->blue * 65535);
  if (weight_set)
    attr[2] = pango_attr_weight_new (weight);
  if (style_set)
    attr[3] = pango_attr_style_new (style);

  for (guint i = 0; i < G_N_ELEMENTS (attr); i++)
    if (attr[i] != NULL)
      {
        attr[i]->start_index = start;
        attr[i]->end_index = end;
        pango_attr_list_insert (attrs, attr[i]);
      }

  if (underline_set && underline != PANGO_UNDERLINE_NONE)
    {
      PangoAttribute *line = pango_attr_underline_new (underline);

      line->start_index = start;
      line->end_index = end;
      pango_attr_list_insert (attrs, line);
    }
}

/* Runs @highlighter over @code in @language and returns the colours and weights of the
 * style scheme as Pango attributes. */
static PangoAttrList *
highlight_code (GtkSourceBuffer   *highlighter,
                GtkSourceLanguage *language,
                const char        *code)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *at = code;
  int offset = 0;
  GtkTextIter iter, end;

  if (gtk_source_buffer_get_language (highlighter) != language)
    gtk_source_buffer_set_language (highlighter, language);
  if (gtk_source_buffer_get_style_scheme (highlighter) != get_code_scheme ())
    gtk_source_buffer_set_style_scheme (highlighter, get_code_scheme ());
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (highlighter), code, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (highlighter), &iter, &end);
  gtk_source_buffer_ensure_highlight (highlighter, &iter, &end);

  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter next = iter;
      GSList *tags = gtk_text_iter_get_tags (&iter);
      guint start_index, end_index;

      gtk_text_iter_forward_to_tag_toggle (&next, NULL);

      /* Character offsets to byte indexes, walking forward. */
      at = g_utf8_offset_to_pointer (at, gtk_text_iter_get_offset (&iter) - offset);
      offset = gtk_text_iter_get_offset (&iter);
      start_index = at - code;
      end_index = g_utf8_offset_to_pointer (at, gtk_text_iter_get_offset (&next) - offset) - code;

      /* In priority order: a later tag wins where both set something. */
      for (GSList *l = tags; l != NULL; l = l->next)
        add_tag_attributes (attrs, l->data, start_index, end_index);

      g_slist_free (tags);
      iter = next;
    }

  return attrs;
}

/* Takes the next step of loading what highlighting needs, if any is left: the first
 * lookups read every installed language file's metadata (6 ms measured), then every
 * style scheme (2.4 ms), and the first GtkSourceBuffer sets its class up (3 ms). A
 * streaming answer takes them while it waits for its first words. */
static gboolean
warm_up_step (TandemMarkdownView *self)
{
  static gboolean languages_loaded;
  static gboolean schemes_loaded;

  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));

  if (!languages_loaded)
    {
      gtk_source_language_manager_get_language_ids (gtk_source_language_manager_get_default ());
      languages_loaded = TRUE;
      return TRUE;
    }

  if (!schemes_loaded)
    {
      gtk_source_style_scheme_manager_get_scheme_ids (gtk_source_style_scheme_manager_get_default ());
      schemes_loaded = TRUE;
      return TRUE;
    }

  if (self->highlighter == NULL)
    {
      self->highlighter = gtk_source_buffer_new (NULL);
      return TRUE;
    }

  return FALSE;
}

static void
highlight_block (TandemMarkdownView *self,
                 Block              *block)
{
  GtkSourceLanguage *language;
  PangoAttrList *attrs;

  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));
  g_assert (block != NULL && block->type == CMARK_NODE_CODE_BLOCK);

  /* The first use of a language reads its definition (5 to 10 ms measured). */
  language = language_for_fence (block->info);
  attrs = highlight_code (self->highlighter, language, get_code_text (block->widget));
  gtk_label_set_attributes (block->code_label, attrs);
  pango_attr_list_unref (attrs);
  set_code_language_label (block, language);
  block->highlighted = TRUE;
}

static Block *
next_block_to_highlight (TandemMarkdownView *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->type == CMARK_NODE_CODE_BLOCK && block->closed && !block->highlighted)
        return block;
    }

  return NULL;
}

static gboolean
tandem_markdown_view_highlight_cb (gpointer data)
{
  TandemMarkdownView *self = data;
  gint64 deadline = g_get_monotonic_time () + 2 * 1000;
  Block *block;

  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));

  /* Cheap steps (0.1 to 0.6 ms) run until 2 ms have gone; loading (above) and the first
   * use of a language (5 to 10 ms) are the longest runs. */
  for (;;)
    {
      if (!warm_up_step (self))
        {
          if ((block = next_block_to_highlight (self)) == NULL)
            break;
          highlight_block (self, block);
        }
      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  self->highlight_source = 0;
  return G_SOURCE_REMOVE;
}

/* Highlights the complete code blocks, from idle callbacks; with @warm_up, first loads
 * what highlighting needs even when there is no code yet. */
static void
tandem_markdown_view_queue_highlight (TandemMarkdownView *self,
                                      gboolean            warm_up)
{
  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));

  if (self->highlight_source == 0 && (warm_up || next_block_to_highlight (self) != NULL))
    self->highlight_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                              tandem_markdown_view_highlight_cb, self, NULL);
}

/* Dark or light: the code is coloured again with the other style scheme. */
static void
tandem_markdown_view_style_manager_notify_dark_cb (TandemMarkdownView *self,
                                                   GParamSpec         *pspec,
                                                   AdwStyleManager    *style_manager)
{
  g_assert (TANDEM_IS_MARKDOWN_VIEW (self));

  for (guint i = 0; i < self->blocks->len; i++)
    ((Block *)g_ptr_array_index (self->blocks, i))->highlighted = FALSE;
  tandem_markdown_view_queue_highlight (self, FALSE);
}

/* Blocks -------------------------------------------------------------------- */

static GtkWidget *
render_children (TandemMarkdownView *self,
                 cmark_node         *parent,
                 int                 spacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  for (cmark_node *child = cmark_node_first_child (parent); child; child = cmark_node_next (child))
    {
      Block scratch = { 0 };
      GtkWidget *widget = render_block (self, child, &scratch);

      if (widget != NULL)
        gtk_box_append (GTK_BOX (box), widget);
    }

  return box;
}

static gboolean
item_is_one_paragraph (cmark_node *item)
{
  cmark_node *child = cmark_node_first_child (item);

  return child != NULL && cmark_node_next (child) == NULL &&
         cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH;
}

static GtkWidget *
render_list_row (TandemMarkdownView *self,
                 cmark_node         *item,
                 const char         *marker)
{
  GtkWidget *row = gtk_overlay_new ();
  GtkWidget *bullet = gtk_label_new (marker);
  GtkWidget *content = render_children (self, item, 6);

  /* The marker lies over the content's start margin. (With marker and content side by
   * side in a horizontal box, every new item made the whole list's wrapped labels lay
   * out again: measured, 2.7 ms against 0.35 ms a frame with 240 items.) */
  gtk_widget_set_halign (bullet, GTK_ALIGN_START);
  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_set_margin_start (content, 8 + 8 * (int) g_utf8_strlen (marker, -1));
  gtk_overlay_set_child (GTK_OVERLAY (row), content);
  gtk_overlay_add_overlay (GTK_OVERLAY (row), bullet);

  /* An item of one paragraph: its label can take the item's new text in place. */
  if (item_is_one_paragraph (item))
    g_object_set_data (G_OBJECT (row), "paragraph", gtk_widget_get_first_child (content));

  return row;
}

/* Brings the rows of @box up to date with the items of @node, keeping the rows of
 * items that did not change: a long list that streams in costs one item per update.
 * Each row remembers its marker and the range and text of its item's source. */
static void
update_list (TandemMarkdownView *self,
             GtkWidget          *box,
             cmark_node         *node)
{
  const Source *source = self->source;
  gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
  int number = cmark_node_get_list_start (node);
  GtkWidget *row = gtk_widget_get_first_child (box);
  GtkWidget *previous = NULL;

  g_assert (source != NULL);

  for (cmark_node *item = cmark_node_first_child (node); item; item = cmark_node_next (item))
    {
      g_autofree char *marker = ordered ? g_strdup_printf ("%d.", number++) : g_strdup ("•");
      g_autofree char *signature = NULL;
      gsize begin, end;
      GtkWidget *next;

      get_node_range (source, item, &begin, &end);

      if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "marker"), marker) == 0)
        {
          gsize old_begin = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "begin"));
          gsize old_end = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "end"));
          gboolean same = node_range_unchanged (source, begin, end, old_begin, old_end);

          if (!same)
            {
              signature = g_strndup (source->text + begin, end - begin);
              same = g_strcmp0 (g_object_get_data (G_OBJECT (row), "item-source"), signature) == 0;
            }

          /* An item of one paragraph that grows (the last one, while streaming) keeps
           * its widgets; only the markup changes. */
          if (!same && item_is_one_paragraph (item) &&
              g_object_get_data (G_OBJECT (row), "paragraph") != NULL)
            {
              g_autoptr(GString) markup = g_string_new (NULL);

              append_inline_markup (markup, cmark_node_first_child (item));
              gtk_label_set_markup (g_object_get_data (G_OBJECT (row), "paragraph"), markup->str);
              g_object_set_data_full (G_OBJECT (row), "item-source", g_steal_pointer (&signature), g_free);
              same = TRUE;
            }

          if (same)
            {
              g_object_set_data (G_OBJECT (row), "begin", GSIZE_TO_POINTER (begin));
              g_object_set_data (G_OBJECT (row), "end", GSIZE_TO_POINTER (end));
              previous = row;
              row = gtk_widget_get_next_sibling (row);
              continue;
            }
        }

      if (signature == NULL)
        signature = g_strndup (source->text + begin, end - begin);

      next = render_list_row (self, item, marker);
      g_object_set_data_full (G_OBJECT (next), "item-source", g_steal_pointer (&signature), g_free);
      g_object_set_data_full (G_OBJECT (next), "marker", g_steal_pointer (&marker), g_free);
      g_object_set_data (G_OBJECT (next), "begin", GSIZE_TO_POINTER (begin));
      g_object_set_data (G_OBJECT (next), "end", GSIZE_TO_POINTER (end));
      gtk_box_insert_child_after (GTK_BOX (box), next, previous);
      if (row != NULL)
        {
          GtkWidget *stale = row;

          row = gtk_widget_get_next_sibling (row);
          gtk_box_remove (GTK_BOX (box), stale);
        }
      previous = next;
    }

  while (row != NULL)
    {
      GtkWidget *stale = row;

      row = gtk_widget_get_next_sibling (row);
      gtk_box_remove (GTK_BOX (box), stale);
    }
}

static GtkWidget *
render_list (TandemMarkdownView *self,
             cmark_node         *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 6);
  update_list (self, box, node);

  return box;
}

static GtkWidget *
render_block (TandemMarkdownView *self,
              cmark_node         *node,
              Block              *block)
{
  g_autoptr(GString) markup = NULL;
  GtkWidget *widget = NULL;
  const char *literal;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      if (block->source != NULL && (widget = try_render_table (block->source)))
        break;
      markup = g_string_new (NULL);
      append_inline_markup (markup, node);
      widget = new_text_label (markup->str);
      break;

    case CMARK_NODE_HEADING:
      {
        static const char * const classes[] = { "title-1", "title-2", "title-3", "title-4", "heading", "heading" };
        int level = CLAMP (cmark_node_get_heading_level (node), 1, 6);

        markup = g_string_new (NULL);
        append_inline_markup (markup, node);
        widget = new_text_label (markup->str);
        gtk_widget_add_css_class (widget, classes[level - 1]);
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                        -1);
      }
      break;

    case CMARK_NODE_CODE_BLOCK:
      widget = render_code_block (self, node, block);
      break;

    case CMARK_NODE_HTML_BLOCK:
      literal = cmark_node_get_literal (node);
      widget = gtk_label_new (literal);
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_xalign (GTK_LABEL (widget), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
      gtk_widget_add_css_class (widget, "monospace");
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      widget = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      widget = render_children (self, node, 6);
      gtk_widget_add_css_class (widget, "markdown-quote");
      gtk_widget_add_css_class (widget, "dim-label");
      gtk_widget_set_margin_start (widget, 12);
      break;

    case CMARK_NODE_LIST:
      widget = render_list (self, node);
      break;

    case CMARK_NODE_ITEM:
      widget = render_children (self, node, 6);
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    default:
      break;
    }

  return widget;
}

static gsize
common_prefix_length (const char *a,
                      const char *b)
{
  gsize i = 0;

  if (a == NULL || b == NULL)
    return 0;

  while (a[i] != '\0' && a[i] == b[i])
    i++;

  return i;
}

/**
 * tandem_markdown_view_set_text:
 * @markdown: the whole Markdown text shown so far
 *
 * Shows @markdown, reusing the widgets of blocks that did not change.
 */
void
tandem_markdown_view_set_text (TandemMarkdownView *self,
                               const char         *markdown)
{
  g_autoptr(GArray) line_starts = NULL;
  Source source;
  cmark_node *doc;
  guint index = 0;
  gsize len;

  g_return_if_fail (TANDEM_IS_MARKDOWN_VIEW (self));

  if (markdown == NULL)
    markdown = "";
  if (g_strcmp0 (self->text, markdown) == 0)
    return;

  /* Blocks whose source lies in the text both versions share are unchanged when their
   * range is: streaming appends, so most blocks are skipped without a copy. */
  source.stable = common_prefix_length (self->text, markdown);
  g_free (self->text);
  self->text = g_strdup (markdown);
  len = strlen (markdown);

  line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  {
    gsize zero = 0;

    g_array_append_val (line_starts, zero);
    for (const char *nl = memchr (markdown, '\n', len); nl != NULL;
         nl = memchr (nl + 1, '\n', len - (nl + 1 - markdown)))
      if (nl[1] != '\0')
        {
          gsize next = nl + 1 - markdown;
          g_array_append_val (line_starts, next);
        }
  }

  source.text = markdown;
  source.len = len;
  source.line_starts = line_starts;
  self->source = &source;

  doc = cmark_parse_document (markdown, len, CMARK_OPT_DEFAULT);

  for (cmark_node *node = cmark_node_first_child (doc); node; node = cmark_node_next (node), index++)
    {
      g_autofree char *text = NULL;
      cmark_node_type type = cmark_node_get_type (node);
      Block *old = index < self->blocks->len ? g_ptr_array_index (self->blocks, index) : NULL;
      Block *block;
      GtkWidget *widget;
      gsize begin, end;

      get_node_range (&source, node, &begin, &end);
      if (old == NULL || old->type != type || !node_range_unchanged (&source, begin, end, old->begin, old->end))
        text = g_strndup (markdown + begin, end - begin);

      if (old != NULL && old->type == type && (text == NULL || g_strcmp0 (old->source, text) == 0))
        {
          old->begin = begin;
          old->end = end;
          /* A code block that was last is followed by more: it is complete. */
          if (type == CMARK_NODE_CODE_BLOCK && !old->closed)
            old->closed = code_block_is_closed (self, node, old->source);
          continue;
        }

      /* A paragraph or heading that grows keeps its label; only the markup changes.
       * (Making a new label for every streamed token costs a whole style and layout.) */
      if (old != NULL && old->type == type && GTK_IS_LABEL (old->widget) &&
          ((type == CMARK_NODE_PARAGRAPH && !try_render_table_possible (text)) ||
           (type == CMARK_NODE_HEADING && old->level == cmark_node_get_heading_level (node))))
        {
          g_autoptr(GString) markup = g_string_new (NULL);

          append_inline_markup (markup, node);
          gtk_label_set_markup (GTK_LABEL (old->widget), markup->str);
          g_free (old->source);
          old->source = g_steal_pointer (&text);
          old->begin = begin;
          old->end = end;
          continue;
        }

      /* So does a list: only the items that changed are drawn again. */
      if (old != NULL && old->type == CMARK_NODE_LIST && type == CMARK_NODE_LIST &&
          old->ordered == (cmark_node_get_list_type (node) == CMARK_ORDERED_LIST))
        {
          update_list (self, old->widget, node);
          g_free (old->source);
          old->source = g_steal_pointer (&text);
          old->begin = begin;
          old->end = end;
          continue;
        }

      /* A code block that grows keeps its widgets; only the text changes. */
      if (old != NULL && old->type == CMARK_NODE_CODE_BLOCK && type == CMARK_NODE_CODE_BLOCK)
        {
          set_code_text (old, cmark_node_get_fence_info (node), cmark_node_get_literal (node));
          g_free (old->source);
          old->source = g_steal_pointer (&text);
          old->begin = begin;
          old->end = end;
          old->closed = code_block_is_closed (self, node, old->source);
          continue;
        }

      block = g_new0 (Block, 1);
      block->type = type;
      if (type == CMARK_NODE_HEADING)
        block->level = cmark_node_get_heading_level (node);
      if (type == CMARK_NODE_LIST)
        block->ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
      block->source = g_steal_pointer (&text);
      block->begin = begin;
      block->end = end;
      widget = render_block (self, node, block);
      if (widget == NULL)
        widget = gtk_label_new (NULL);
      block->widget = widget;
      if (type == CMARK_NODE_CODE_BLOCK)
        block->closed = code_block_is_closed (self, node, block->source);

      if (old != NULL)
        {
          gtk_box_insert_child_after (self->box, widget, old->widget);
          gtk_box_remove (self->box, old->widget);
          g_ptr_array_index (self->blocks, index) = block;
          block_free (old);
        }
      else
        {
          gtk_box_append (self->box, widget);
          g_ptr_array_add (self->blocks, block);
        }
    }

  while (self->blocks->len > index)
    {
      Block *extra = g_ptr_array_index (self->blocks, self->blocks->len - 1);

      gtk_box_remove (self->box, extra->widget);
      g_ptr_array_remove_index (self->blocks, self->blocks->len - 1);
    }

  cmark_node_free (doc);
  self->source = NULL;

  tandem_markdown_view_queue_highlight (self, FALSE);
}

/**
 * tandem_markdown_view_set_streaming:
 * @streaming: whether the text is still growing
 *
 * While @streaming, a code block at the end of the text is highlighted only once its
 * closing fence arrives; afterwards every code block is.
 */
void
tandem_markdown_view_set_streaming (TandemMarkdownView *self,
                                    gboolean            streaming)
{
  g_return_if_fail (TANDEM_IS_MARKDOWN_VIEW (self));

  streaming = !!streaming;
  if (self->streaming == streaming)
    return;

  self->streaming = streaming;
  if (streaming)
    tandem_markdown_view_queue_highlight (self, TRUE);
  else
    {
      for (guint i = 0; i < self->blocks->len; i++)
        ((Block *)g_ptr_array_index (self->blocks, i))->closed = TRUE;
      tandem_markdown_view_queue_highlight (self, FALSE);
    }
}

const char *
tandem_markdown_view_get_text (TandemMarkdownView *self)
{
  g_return_val_if_fail (TANDEM_IS_MARKDOWN_VIEW (self), NULL);

  return self->text ? self->text : "";
}

guint
tandem_markdown_view_get_n_blocks (TandemMarkdownView *self)
{
  g_return_val_if_fail (TANDEM_IS_MARKDOWN_VIEW (self), 0);

  return self->blocks->len;
}

/**
 * tandem_markdown_view_get_block:
 *
 * Returns: (transfer none): the widget of the top-level block at @index
 */
GtkWidget *
tandem_markdown_view_get_block (TandemMarkdownView *self,
                                guint               index)
{
  g_return_val_if_fail (TANDEM_IS_MARKDOWN_VIEW (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return ((Block *)g_ptr_array_index (self->blocks, index))->widget;
}

GtkWidget *
tandem_markdown_view_new (void)
{
  return g_object_new (TANDEM_TYPE_MARKDOWN_VIEW, NULL);
}

static void
tandem_markdown_view_dispose (GObject *object)
{
  TandemMarkdownView *self = (TandemMarkdownView *)object;

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  g_clear_object (&self->highlighter);
  g_clear_pointer ((GtkWidget **)&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_markdown_view_parent_class)->dispose (object);
}

static void
tandem_markdown_view_finalize (GObject *object)
{
  TandemMarkdownView *self = (TandemMarkdownView *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (tandem_markdown_view_parent_class)->finalize (object);
}

static void
tandem_markdown_view_class_init (TandemMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_markdown_view_dispose;
  object_class->finalize = tandem_markdown_view_finalize;

  /**
   * TandemMarkdownView::insert-code:
   * @code: the text of the code block
   *
   * The user pressed Insert at Cursor on a code block.
   */
  signals[INSERT_CODE] =
    g_signal_new ("insert-code",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TandemMarkdownView::replace-selection:
   * @code: the text of the code block
   *
   * The user pressed Replace Selection on a code block.
   */
  signals[REPLACE_SELECTION] =
    g_signal_new ("replace-selection",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markdownview");

  /* The assistant module is loaded on demand: it brings its own style.css. */
  tandem_module_add_css ("/io/github/tandemide/Tandem/ai/style.css");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tandem_markdown_view_init (TandemMarkdownView *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (tandem_markdown_view_style_manager_notify_dark_cb), self,
                           G_CONNECT_SWAPPED);
}
