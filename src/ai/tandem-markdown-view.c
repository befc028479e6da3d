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

/* Markdown from cmark's parse tree, drawn with GTK widgets: a label per paragraph or
 * heading (Pango markup for emphasis, code and links), boxes for lists and quotes, a grid
 * for pipe tables, and a read-only GtkSourceView for code with Copy / Insert at Cursor /
 * Replace Selection. While an answer streams in, set_text() is called again and again
 * with a longer text: top-level blocks whose source did not change keep their widgets,
 * and a growing code block only gets its text updated, so each update costs about one
 * block, not the whole answer. */

typedef struct
{
  char            *source;
  cmark_node_type  type;
  GtkWidget       *widget;
  int              level;         /* headings only */
  gboolean         ordered;       /* lists only */
  GtkSourceBuffer *code_buffer;   /* borrowed: code blocks only */
  GtkLabel        *code_language; /* borrowed: code blocks only */
} Block;

struct _TandemMarkdownView
{
  GtkWidget  parent_instance;

  GtkBox    *box;
  GPtrArray *blocks;
  char      *text;
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
  g_free (block);
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

static void
update_code_scheme (GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (manager,
                                                                                  dark ? "Adwaita-dark" : "Adwaita"));
}

static void
code_style_changed_cb (GtkSourceBuffer *buffer,
                       GParamSpec      *pspec,
                       AdwStyleManager *style_manager)
{
  update_code_scheme (buffer);
}

static char *
dup_code_text (GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
}

static void
copy_clicked_cb (GtkButton       *button,
                 GtkSourceBuffer *buffer)
{
  g_autofree char *text = dup_code_text (buffer);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
emit_code_signal (GtkButton *button,
                  guint      signal_id)
{
  TandemMarkdownView *self;
  GtkSourceBuffer *buffer = g_object_get_data (G_OBJECT (button), "code-buffer");
  g_autofree char *text = NULL;

  self = TANDEM_MARKDOWN_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_TYPE_MARKDOWN_VIEW));
  if (self == NULL || buffer == NULL)
    return;

  text = dup_code_text (buffer);
  g_signal_emit (self, signals[signal_id], 0, text);
}

static void
insert_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  emit_code_signal (button, INSERT_CODE);
}

static void
replace_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  emit_code_signal (button, REPLACE_SELECTION);
}

static GtkWidget *
new_code_button (const char      *icon_name,
                 const char      *tooltip,
                 GtkSourceBuffer *buffer,
                 GCallback        callback,
                 gpointer         user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_object_set_data (G_OBJECT (button), "code-buffer", buffer);
  g_signal_connect (button, "clicked", callback, user_data);

  return button;
}

static void
set_code_text (Block      *block,
               const char *info,
               const char *literal)
{
  GtkSourceLanguage *language = language_for_fence (info);
  g_autofree char *code = g_strdup (literal ? literal : "");
  gsize len = strlen (code);

  /* cmark keeps the newline that ends the last line of the fence. */
  if (len > 0 && code[len - 1] == '\n')
    code[len - 1] = '\0';

  if (gtk_source_buffer_get_language (block->code_buffer) != language)
    gtk_source_buffer_set_language (block->code_buffer, language);
  gtk_label_set_text (block->code_language,
                      language ? gtk_source_language_get_name (language)
                               : (info && *info ? info : _("Code")));

  /* Replace only what changed at the end: a streaming block keeps its highlighting. */
  {
    g_autofree char *old = dup_code_text (block->code_buffer);
    gsize common = 0;
    GtkTextIter start, end;

    while (old[common] && old[common] == code[common])
      common++;
    /* Stay on a character boundary. */
    while (common > 0 && (code[common] & 0xC0) == 0x80)
      common--;

    gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (block->code_buffer), &start,
                                        g_utf8_pointer_to_offset (code, code + common));
    gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (block->code_buffer), &end);
    gtk_text_buffer_delete (GTK_TEXT_BUFFER (block->code_buffer), &start, &end);
    gtk_text_buffer_insert (GTK_TEXT_BUFFER (block->code_buffer), &start, code + common, -1);
  }
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
  GtkWidget *view;
  GtkSourceBuffer *buffer;

  buffer = gtk_source_buffer_new (NULL);
  update_code_scheme (buffer);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (code_style_changed_cb), buffer, G_CONNECT_SWAPPED);

  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "card");
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
                  new_code_button ("edit-copy-symbolic", _("Copy"), buffer,
                                   G_CALLBACK (copy_clicked_cb), buffer));
  gtk_box_append (GTK_BOX (header),
                  new_code_button ("insert-text-symbolic", _("Insert at Cursor"), buffer,
                                   G_CALLBACK (insert_clicked_cb), NULL));
  gtk_box_append (GTK_BOX (header),
                  new_code_button ("edit-find-replace-symbolic", _("Replace Selection"), buffer,
                                   G_CALLBACK (replace_clicked_cb), NULL));
  gtk_box_append (GTK_BOX (frame), header);

  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 9);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"),
                                  -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (frame), scroller);

  block->code_buffer = buffer;
  block->code_language = GTK_LABEL (language);
  set_code_text (block, cmark_node_get_fence_info (node), cmark_node_get_literal (node));

  /* The view holds the buffer from here on. */
  g_object_unref (buffer);

  return frame;
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

static GtkWidget *
render_list_row (TandemMarkdownView *self,
                 cmark_node         *item,
                 const char         *marker)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bullet = gtk_label_new (marker);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_label_set_yalign (GTK_LABEL (bullet), 0.0f);
  gtk_box_append (GTK_BOX (row), bullet);
  gtk_box_append (GTK_BOX (row), render_children (self, item, 6));

  return row;
}

/* Brings the rows of @box up to date with the items of @node, keeping the rows of
 * items that did not change: a long list that streams in costs one item per update. */
static void
update_list (TandemMarkdownView *self,
             GtkWidget          *box,
             cmark_node         *node)
{
  gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
  int number = cmark_node_get_list_start (node);
  GtkWidget *row = gtk_widget_get_first_child (box);
  GtkWidget *previous = NULL;

  for (cmark_node *item = cmark_node_first_child (node); item; item = cmark_node_next (item))
    {
      g_autofree char *marker = ordered ? g_strdup_printf ("%d.", number++) : g_strdup ("•");
      char *rendered = cmark_render_commonmark (item, CMARK_OPT_DEFAULT, 0);
      g_autofree char *signature = g_strconcat (marker, " ", rendered, NULL);
      GtkWidget *next;

      free (rendered);

      if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "item-source"), signature) == 0)
        {
          previous = row;
          row = gtk_widget_get_next_sibling (row);
          continue;
        }

      next = render_list_row (self, item, marker);
      g_object_set_data_full (G_OBJECT (next), "item-source", g_steal_pointer (&signature), g_free);
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

/* The source lines of a top-level block, to tell whether it changed. */
static char *
dup_block_source (const char *text,
                  GArray     *line_starts,
                  cmark_node *node)
{
  int first = cmark_node_get_start_line (node) - 1;
  int last = cmark_node_get_end_line (node) - 1;
  gsize begin, end;

  if (first < 0 || first >= (int)line_starts->len)
    return g_strdup ("");
  last = CLAMP (last, first, (int)line_starts->len - 1);

  begin = g_array_index (line_starts, gsize, first);
  end = (last + 1 < (int)line_starts->len) ? g_array_index (line_starts, gsize, last + 1)
                                           : strlen (text);
  while (end > begin && (text[end - 1] == '\n' || text[end - 1] == '\r'))
    end--;

  return g_strndup (text + begin, end - begin);
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
  cmark_node *doc;
  guint index = 0;

  g_return_if_fail (TANDEM_IS_MARKDOWN_VIEW (self));

  if (markdown == NULL)
    markdown = "";
  if (g_strcmp0 (self->text, markdown) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (markdown);

  line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  {
    gsize zero = 0;

    g_array_append_val (line_starts, zero);
    for (gsize i = 0; markdown[i]; i++)
      if (markdown[i] == '\n' && markdown[i + 1] != '\0')
        {
          gsize next = i + 1;
          g_array_append_val (line_starts, next);
        }
  }

  doc = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);

  for (cmark_node *node = cmark_node_first_child (doc); node; node = cmark_node_next (node), index++)
    {
      g_autofree char *source = dup_block_source (markdown, line_starts, node);
      cmark_node_type type = cmark_node_get_type (node);
      Block *old = index < self->blocks->len ? g_ptr_array_index (self->blocks, index) : NULL;
      Block *block;
      GtkWidget *widget;

      if (old != NULL && old->type == type && g_strcmp0 (old->source, source) == 0)
        continue;

      /* A paragraph or heading that grows keeps its label; only the markup changes.
       * (Making a new label for every streamed token costs a whole style and layout.) */
      if (old != NULL && old->type == type && GTK_IS_LABEL (old->widget) &&
          ((type == CMARK_NODE_PARAGRAPH && !try_render_table_possible (source)) ||
           (type == CMARK_NODE_HEADING && old->level == cmark_node_get_heading_level (node))))
        {
          g_autoptr(GString) markup = g_string_new (NULL);

          append_inline_markup (markup, node);
          gtk_label_set_markup (GTK_LABEL (old->widget), markup->str);
          g_free (old->source);
          old->source = g_steal_pointer (&source);
          continue;
        }

      /* So does a list: only the items that changed are drawn again. */
      if (old != NULL && old->type == CMARK_NODE_LIST && type == CMARK_NODE_LIST &&
          old->ordered == (cmark_node_get_list_type (node) == CMARK_ORDERED_LIST))
        {
          update_list (self, old->widget, node);
          g_free (old->source);
          old->source = g_steal_pointer (&source);
          continue;
        }

      /* A code block that grows keeps its view; only the text changes. */
      if (old != NULL && old->type == CMARK_NODE_CODE_BLOCK && type == CMARK_NODE_CODE_BLOCK)
        {
          set_code_text (old, cmark_node_get_fence_info (node), cmark_node_get_literal (node));
          g_free (old->source);
          old->source = g_steal_pointer (&source);
          continue;
        }

      block = g_new0 (Block, 1);
      block->type = type;
      if (type == CMARK_NODE_HEADING)
        block->level = cmark_node_get_heading_level (node);
      if (type == CMARK_NODE_LIST)
        block->ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
      block->source = g_steal_pointer (&source);
      widget = render_block (self, node, block);
      if (widget == NULL)
        widget = gtk_label_new (NULL);
      block->widget = widget;

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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tandem_markdown_view_init (TandemMarkdownView *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
}
