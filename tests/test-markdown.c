/* test-markdown.c
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

#include "config.h"

#include <adwaita.h>

#include "tandem-markdown-view.h"
#include "tandem-test.h"

static GtkWidget *
find_descendant_with (GtkWidget  *widget,
                      GType       type,
                      const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant_with (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The label that shows a code block's code. */
static GtkLabel *
get_code_label (GtkWidget *block)
{
  GtkWidget *label = find_descendant_with (block, GTK_TYPE_LABEL, "monospace");

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

/* The header's label, which names the language. */
static const char *
get_code_language (GtkWidget *block)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (block))));
}

static gboolean
is_highlighted (gpointer data)
{
  return gtk_label_get_attributes (get_code_label (data)) != NULL;
}

/* Whether some attribute in @attrs colours text. */
static gboolean
has_foreground (PangoAttrList *attrs)
{
  PangoAttrIterator *iter = pango_attr_list_get_iterator (attrs);
  gboolean found = FALSE;

  do
    {
      if (pango_attr_iterator_get (iter, PANGO_ATTR_FOREGROUND) != NULL)
        found = TRUE;
    }
  while (!found && pango_attr_iterator_next (iter));
  pango_attr_iterator_destroy (iter);

  return found;
}

/* Code blocks are highlighted from an idle callback: waits for it, then checks that
 * the colours of the language's highlighting are there. */
static GtkLabel *
wait_for_highlight (GtkWidget *block)
{
  GtkLabel *label = get_code_label (block);

  g_assert_true (tandem_test_wait_until (is_highlighted, block, 5000));
  g_assert_true (has_foreground (gtk_label_get_attributes (label)));
  return label;
}

static void
test_inline_markup (void)
{
  g_autofree char *markup = NULL;

  markup = tandem_markdown_render_inline_markup ("Use *this* and **that**, `a < b` and [docs](https://example.com/?a=1&b=2)");
  g_assert_cmpstr (markup, ==,
                   "Use <i>this</i> and <b>that</b>, "
                   "<span font_family=\"monospace\" bgcolor=\"#8080802e\">a &lt; b</span> and "
                   "<a href=\"https://example.com/?a=1&amp;b=2\">docs</a>");

  /* Text that looks like markup is shown, not interpreted. */
  g_clear_pointer (&markup, g_free);
  markup = tandem_markdown_render_inline_markup ("<b>not bold</b> & done");
  g_assert_nonnull (strstr (markup, "&lt;b&gt;not bold&lt;/b&gt;"));
}

static void
test_blocks (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = tandem_markdown_view_new ();
  GtkWidget *block;
  GtkLabel *code_label;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view),
                                 "# Title\n"
                                 "\n"
                                 "Some *text*.\n"
                                 "\n"
                                 "- one\n"
                                 "- two\n"
                                 "\n"
                                 "```c\n"
                                 "int x = 1;\n"
                                 "```\n"
                                 "\n"
                                 "| a | b |\n"
                                 "|---|---|\n"
                                 "| 1 | 2 |\n"
                                 "\n"
                                 "> quoted\n"
                                 "\n"
                                 "---\n");

  g_assert_cmpuint (tandem_markdown_view_get_n_blocks (TANDEM_MARKDOWN_VIEW (view)), ==, 7);

  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0);
  g_assert_true (GTK_IS_LABEL (block));
  g_assert_true (gtk_widget_has_css_class (block, "title-1"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (block)), ==, "Title");

  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (block)), ==, "Some <i>text</i>.");

  /* The list has two rows with bullets. */
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 2);
  g_assert_true (GTK_IS_BOX (block));
  g_assert_nonnull (gtk_widget_get_first_child (block));
  g_assert_nonnull (gtk_widget_get_next_sibling (gtk_widget_get_first_child (block)));

  /* The code block is highlighted as C, in a selectable label. */
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 3);
  g_assert_true (gtk_widget_has_css_class (block, "markdown-code"));
  code_label = wait_for_highlight (block);
  g_assert_cmpstr (gtk_label_get_text (code_label), ==, "int x = 1;");
  g_assert_cmpstr (get_code_language (block), ==, "C");
  g_assert_true (gtk_label_get_selectable (code_label));

  /* The pipe table becomes a grid with a header row. */
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 4);
  g_assert_true (GTK_IS_GRID (block));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (block), 1, 0))), ==, "b");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (block), 0, 1))), ==, "1");

  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 5);
  g_assert_true (gtk_widget_has_css_class (block, "markdown-quote"));
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 6);
  g_assert_true (GTK_IS_SEPARATOR (block));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_streaming_reuses_blocks (void)
{
  static const char answer[] =
    "Here is the fix:\n"
    "\n"
    "```python\n"
    "def add(a, b):\n"
    "    return a + b\n"
    "```\n"
    "\n"
    "It adds **two** numbers.\n";
  GtkWidget *view = g_object_ref_sink (tandem_markdown_view_new ());
  GtkWidget *first = NULL;
  GtkWidget *code_block = NULL;
  GtkLabel *code_label;

  tandem_markdown_view_set_streaming (TANDEM_MARKDOWN_VIEW (view), TRUE);

  /* Feed the answer as it would stream in, a few bytes at a time. */
  for (gsize len = 1; len <= sizeof answer - 1; len += 3)
    {
      g_autofree char *prefix = g_strndup (answer, len);

      tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), prefix);

      if (len > 20 && first == NULL)
        first = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0);
      else if (first != NULL && len < 40)
        /* The finished first paragraph keeps its widget while more text arrives. */
        g_assert_true (tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0) == first);

      if (tandem_markdown_view_get_n_blocks (TANDEM_MARKDOWN_VIEW (view)) >= 2)
        {
          GtkWidget *block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 1);

          /* "`" and "``" are still a paragraph; "```" starts the code block. */
          if (code_block == NULL && gtk_widget_has_css_class (block, "markdown-code"))
            code_block = block;
          else if (code_block != NULL && len < sizeof answer - 30)
            /* The growing code block is updated in place. */
            g_assert_true (block == code_block);
        }
    }

  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), answer);
  tandem_markdown_view_set_streaming (TANDEM_MARKDOWN_VIEW (view), FALSE);
  g_assert_cmpuint (tandem_markdown_view_get_n_blocks (TANDEM_MARKDOWN_VIEW (view)), ==, 3);
  g_assert_true (tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 1) == code_block);
  code_label = wait_for_highlight (code_block);
  g_assert_cmpstr (gtk_label_get_text (code_label), ==, "def add(a, b):\n    return a + b");
  g_assert_cmpstr (get_code_language (code_block), ==, "Python");

  g_object_unref (view);
}

static void
test_streaming_code_is_highlighted_when_closed (void)
{
  GtkWidget *view = g_object_ref_sink (tandem_markdown_view_new ());
  GtkWidget *block;
  GtkLabel *code_label;

  tandem_markdown_view_set_streaming (TANDEM_MARKDOWN_VIEW (view), TRUE);

  /* An open fence: the code is shown as plain text, and stays so while it grows. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "Code:\n\n```rust\nfn main() {\n");
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 1);
  g_assert_true (gtk_widget_has_css_class (block, "markdown-code"));
  tandem_test_spin (200);
  g_assert_false (is_highlighted (block));
  g_assert_cmpstr (gtk_label_get_text (get_code_label (block)), ==, "fn main() {");
  g_assert_cmpstr (get_code_language (block), ==, "rust");

  /* The buttons already work on the text so far. */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (block), "code"), ==, "fn main() {");

  /* "``" is not a closing fence yet. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "Code:\n\n```rust\nfn main() {\n}\n``");
  tandem_test_spin (200);
  g_assert_false (is_highlighted (block));

  /* The closing fence: the same block is highlighted, with the language's name. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "Code:\n\n```rust\nfn main() {\n}\n```");
  g_assert_true (tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 1) == block);
  code_label = wait_for_highlight (block);
  g_assert_cmpstr (gtk_label_get_text (code_label), ==, "fn main() {\n}");
  g_assert_cmpstr (get_code_language (block), ==, "Rust");

  /* An answer that ends inside a fence is highlighted once it is complete. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view),
                                 "Code:\n\n```rust\nfn main() {\n}\n```\n\n```sh\nls -l\n");
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 2);
  tandem_test_spin (200);
  g_assert_false (is_highlighted (block));
  tandem_markdown_view_set_streaming (TANDEM_MARKDOWN_VIEW (view), FALSE);
  code_label = wait_for_highlight (block);
  g_assert_cmpstr (gtk_label_get_text (code_label), ==, "ls -l");

  /* Changed text drops the colours of the old one until it is highlighted again. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view),
                                 "Code:\n\n```rust\nfn main() {\n}\n```\n\n```sh\nls -la\n");
  g_assert_false (is_highlighted (block));
  code_label = wait_for_highlight (block);
  g_assert_cmpstr (gtk_label_get_text (code_label), ==, "ls -la");

  g_object_unref (view);
}

static void
test_long_list_streams (void)
{
  GtkWidget *view = g_object_ref_sink (tandem_markdown_view_new ());
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *list;
  GtkWidget *first_row;
  guint n_rows = 0;

  /* 200 items arrive one by one: earlier rows keep their widgets. */
  for (guint i = 0; i < 200; i++)
    {
      g_string_append_printf (text, "- item **%u** of the list\n", i);
      tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), text->str);
    }

  list = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0);
  first_row = gtk_widget_get_first_child (list);
  for (GtkWidget *row = first_row; row; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 200);

  /* An item in the middle that changes is drawn again; the others stay. */
  {
    g_autofree char *changed = g_strdup (text->str);
    char *at = strstr (changed, "item **100**");

    at[0] = 'I';
    tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), changed);
  }
  g_assert_true (gtk_widget_get_first_child (list) == first_row);
  n_rows = 0;
  for (GtkWidget *row = first_row; row; row = gtk_widget_get_next_sibling (row), n_rows++)
    {
      /* The item's text first, then its bullet over the margin. */
      GtkWidget *label = find_descendant_with (row, GTK_TYPE_LABEL, NULL);

      if (n_rows == 100)
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Item <b>100</b> of the list");
      else if (n_rows == 199)
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "item <b>199</b> of the list");
    }
  g_assert_cmpuint (n_rows, ==, 200);

  g_object_unref (view);
}

static void
test_list_rows_reused (void)
{
  GtkWidget *view = g_object_ref_sink (tandem_markdown_view_new ());
  GtkWidget *list;
  GtkWidget *first_row;

  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "- one\n- two\n");
  list = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0);
  first_row = gtk_widget_get_first_child (list);

  /* A third item streams in: the list and its first row stay, one row is added. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "- one\n- two\n- thr");
  g_assert_true (tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0) == list);
  g_assert_true (gtk_widget_get_first_child (list) == first_row);
  g_assert_nonnull (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (first_row)));

  /* Items that go away are removed. */
  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "- one\n");
  g_assert_true (gtk_widget_get_first_child (list) == first_row);
  g_assert_null (gtk_widget_get_next_sibling (first_row));

  g_object_unref (view);
}

static void
insert_code_cb (TandemMarkdownView *view,
                const char         *code,
                char              **out)
{
  g_free (*out);
  *out = g_strdup (code);
}

static void
test_code_buttons (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = tandem_markdown_view_new ();
  g_autofree char *inserted = NULL;
  g_autofree char *replaced = NULL;
  GtkWidget *block;
  GtkWidget *header;
  GtkWidget *button;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (view, "insert-code", G_CALLBACK (insert_code_cb), &inserted);
  g_signal_connect (view, "replace-selection", G_CALLBACK (insert_code_cb), &replaced);

  tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), "```\nprintf (\"hi\\n\");\n```\n");
  block = tandem_markdown_view_get_block (TANDEM_MARKDOWN_VIEW (view), 0);
  header = gtk_widget_get_first_child (block);

  /* Header: language label, Copy, Insert at Cursor, Replace Selection. */
  button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (header));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy");
  button = gtk_widget_get_next_sibling (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Insert at Cursor");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (inserted, ==, "printf (\"hi\\n\");");
  button = gtk_widget_get_next_sibling (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (replaced, ==, "printf (\"hi\\n\");");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/markdown/inline-markup", test_inline_markup);
  g_test_add_func ("/markdown/blocks", test_blocks);
  g_test_add_func ("/markdown/streaming-reuses-blocks", test_streaming_reuses_blocks);
  g_test_add_func ("/markdown/code-buttons", test_code_buttons);
  g_test_add_func ("/markdown/list-rows-reused", test_list_rows_reused);
  g_test_add_func ("/markdown/streaming-code-highlighted-when-closed", test_streaming_code_is_highlighted_when_closed);
  g_test_add_func ("/markdown/long-list-streams", test_long_list_streams);

  return g_test_run ();
}
