/* test-search.c
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

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "tandem-search-bar.h"
#include "tandem-test.h"

/* "foo" appears 5 times ignoring case, 3 times with case, 2 times as a whole word
 * with case and 4 times as a whole word without it. */
#define SAMPLE_TEXT "foo Foo foobar\nbar foo FOO\n"

typedef struct
{
  GtkWindow       *window;
  GtkSourceView   *view;
  GtkTextBuffer   *buffer;
  TandemSearchBar *bar;
} Fixture;

typedef struct
{
  TandemSearchBar *bar;
  const char      *expected;
} StatusWait;

static GtkWidget *
get_child (Fixture    *fixture,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->bar),
                                                  TANDEM_TYPE_SEARCH_BAR,
                                                  name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return g_strcmp0 (tandem_search_bar_get_status (wait->bar), wait->expected) == 0;
}

static void
assert_status (Fixture    *fixture,
               const char *expected)
{
  StatusWait wait = { fixture->bar, expected };

  if (!tandem_test_wait_until (status_is, &wait, 5000))
    g_error ("status is “%s”, expected “%s”",
             tandem_search_bar_get_status (fixture->bar), expected);
}

static gboolean
status_has_prefix (gpointer data)
{
  StatusWait *wait = data;

  return g_str_has_prefix (tandem_search_bar_get_status (wait->bar), wait->expected);
}

static void
type_search (Fixture    *fixture,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_child (fixture, "search_entry")), text);
}

static void
click (Fixture    *fixture,
       const char *name)
{
  GtkWidget *button = get_child (fixture, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_selection (Fixture *fixture,
                  int      begin_offset,
                  int      end_offset)
{
  GtkTextIter begin;
  GtkTextIter end;

  g_assert_true (gtk_text_buffer_get_selection_bounds (fixture->buffer, &begin, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&begin), ==, begin_offset);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, end_offset);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *box;
  GtkTextIter start;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 400);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->bar = TANDEM_SEARCH_BAR (tandem_search_bar_new ());
  fixture->view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  fixture->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->bar));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, box);

  gtk_text_buffer_set_text (fixture->buffer, SAMPLE_TEXT, -1);
  gtk_text_buffer_get_start_iter (fixture->buffer, &start);
  gtk_text_buffer_place_cursor (fixture->buffer, &start);

  tandem_search_bar_set_view (fixture->bar, fixture->view);
  g_assert_true (tandem_search_bar_get_view (fixture->bar) == fixture->view);
  g_assert_nonnull (tandem_search_bar_get_context (fixture->bar));

  gtk_window_present (fixture->window);
  tandem_test_wait_until (widget_is_mapped, fixture->bar, 5000);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->bar)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tandem_test_spin (50);
}

static void
test_search_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_cmpstr (tandem_search_bar_get_status (fixture->bar), ==, "");

  /* Typing finds as you type and selects the first match. */
  type_search (fixture, "foo");
  assert_status (fixture, "1 of 5");
  assert_selection (fixture, 0, 3);
  g_assert_true (gtk_source_search_context_get_highlight (tandem_search_bar_get_context (fixture->bar)));

  click (fixture, "case_button");
  assert_status (fixture, "1 of 3");

  click (fixture, "words_button");
  assert_status (fixture, "1 of 2");

  click (fixture, "case_button");
  assert_status (fixture, "1 of 4");

  click (fixture, "words_button");
  assert_status (fixture, "1 of 5");

  type_search (fixture, "nothing here");
  assert_status (fixture, "No results");
  g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "replace_all_button")));

  /* A regular expression that matches only inside "foobar". */
  click (fixture, "regex_button");
  type_search (fixture, "fo+b");
  assert_status (fixture, "1 of 1");
  assert_selection (fixture, 8, 12);

  /* Cursor moved away from the match: the count stays, without a position. */
  {
    GtkTextIter iter;

    gtk_text_buffer_get_end_iter (fixture->buffer, &iter);
    gtk_text_buffer_place_cursor (fixture->buffer, &iter);
    assert_status (fixture, "1 match");
  }

  /* An invalid regular expression is reported in plain words and disables moving. */
  {
    StatusWait wait = { fixture->bar, "Invalid regular expression: " };

    type_search (fixture, "foo(");
    if (!tandem_test_wait_until (status_has_prefix, &wait, 5000))
      g_error ("status is “%s”", tandem_search_bar_get_status (fixture->bar));
    g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "next_button")));
    g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "previous_button")));
    g_assert_true (gtk_widget_has_css_class (get_child (fixture, "status_label"), "error"));
  }

  /* Fixing it clears the message. */
  type_search (fixture, "(foo|bar)$");
  assert_status (fixture, "1 of 2");
  g_assert_true (gtk_widget_is_sensitive (get_child (fixture, "next_button")));
  g_assert_false (gtk_widget_has_css_class (get_child (fixture, "status_label"), "error"));

  type_search (fixture, "");
  assert_status (fixture, "");
}

static void
test_search_next_previous (Fixture       *fixture,
                           gconstpointer  data)
{
  static const int starts[] = { 0, 4, 8, 19, 23 };

  type_search (fixture, "foo");
  assert_status (fixture, "1 of 5");
  assert_selection (fixture, 0, 3);

  for (guint i = 1; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree char *expected = g_strdup_printf ("%u of 5", i + 1);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->bar), "search.next", NULL));
      assert_status (fixture, expected);
      assert_selection (fixture, starts[i], starts[i] + 3);
    }

  /* Wraps around at the end... */
  click (fixture, "next_button");
  assert_status (fixture, "1 of 5");
  assert_selection (fixture, 0, 3);

  /* ...and at the start. */
  click (fixture, "previous_button");
  assert_status (fixture, "5 of 5");
  assert_selection (fixture, 23, 26);

  tandem_search_bar_previous (fixture->bar);
  assert_status (fixture, "4 of 5");
  assert_selection (fixture, 19, 22);

  /* Enter in the entry goes to the next match, like the button. */
  g_signal_emit_by_name (get_child (fixture, "search_entry"), "activate");
  assert_status (fixture, "5 of 5");
}

static void
test_search_replace (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_assert_false (gtk_widget_get_visible (get_child (fixture, "replace_row")));
  tandem_search_bar_set_replace_mode (fixture->bar, TRUE);
  g_assert_true (tandem_search_bar_get_replace_mode (fixture->bar));
  g_assert_true (gtk_widget_get_visible (get_child (fixture, "replace_row")));

  click (fixture, "case_button");
  type_search (fixture, "foo");
  assert_status (fixture, "1 of 3");
  gtk_editable_set_text (GTK_EDITABLE (get_child (fixture, "replace_entry")), "qux");

  /* Replace changes the selected match only, then selects the next one. */
  click (fixture, "replace_button");
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, "qux Foo foobar\nbar foo FOO\n");
  g_clear_pointer (&text, g_free);
  assert_status (fixture, "1 of 2");
  assert_selection (fixture, 8, 11);

  /* With the cursor away from any match, Replace only moves to the next match. */
  {
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 15);
    gtk_text_buffer_place_cursor (fixture->buffer, &iter);
    assert_status (fixture, "2 matches");
  }
  click (fixture, "replace_button");
  assert_status (fixture, "2 of 2");
  assert_selection (fixture, 19, 22);
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, "qux Foo foobar\nbar foo FOO\n");
  g_clear_pointer (&text, g_free);

  /* Replace All replaces every remaining match and the count follows. */
  click (fixture, "replace_all_button");
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, "qux Foo quxbar\nbar qux FOO\n");
  g_clear_pointer (&text, g_free);
  assert_status (fixture, "No results");
  g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "replace_all_button")));

  /* Undo reverts Replace All as one step. */
  gtk_text_buffer_undo (fixture->buffer);
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, "qux Foo foobar\nbar foo FOO\n");
}

static void
test_search_replace_regex (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *text = NULL;

  tandem_search_bar_set_replace_mode (fixture->bar, TRUE);
  click (fixture, "regex_button");
  click (fixture, "case_button");
  type_search (fixture, "(f)(o+)");
  assert_status (fixture, "1 of 3");

  tandem_search_bar_set_replace_text (fixture->bar, "\\2\\1");
  click (fixture, "replace_all_button");
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, "oof Foo oofbar\nbar oof FOO\n");
  assert_status (fixture, "No results");
}

static void
test_search_replace_read_only (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *text = NULL;

  tandem_search_bar_set_replace_mode (fixture->bar, TRUE);
  type_search (fixture, "foo");
  assert_status (fixture, "1 of 5");
  g_assert_true (gtk_widget_is_sensitive (get_child (fixture, "replace_button")));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (fixture->view), FALSE);
  g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "replace_button")));
  g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "replace_all_button")));
  tandem_search_bar_replace_all (fixture->bar);
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, SAMPLE_TEXT);

  /* Leaving replace mode hides the row and disables its actions. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (fixture->view), TRUE);
  tandem_search_bar_set_replace_mode (fixture->bar, FALSE);
  g_assert_false (gtk_widget_get_visible (get_child (fixture, "replace_row")));
  g_assert_false (gtk_widget_is_sensitive (get_child (fixture, "replace_all_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->bar), "search.replace-all", NULL);
  g_clear_pointer (&text, g_free);
  text = tandem_test_dup_text (fixture->buffer);
  g_assert_cmpstr (text, ==, SAMPLE_TEXT);
}

static void
test_search_prefill (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkTextIter begin;
  GtkTextIter end;

  /* A selection within one line fills the entry. */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &begin, 8);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &end, 14);
  gtk_text_buffer_select_range (fixture->buffer, &begin, &end);
  tandem_search_bar_prefill_from_selection (fixture->bar);
  g_assert_cmpstr (tandem_search_bar_get_search_text (fixture->bar), ==, "foobar");
  assert_status (fixture, "1 of 1");

  /* With regular expressions on, the selection is escaped. */
  click (fixture, "regex_button");
  gtk_text_buffer_set_text (fixture->buffer, "a.b(c)\nmore\n", -1);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &begin, 0);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &end, 6);
  gtk_text_buffer_select_range (fixture->buffer, &begin, &end);
  tandem_search_bar_prefill_from_selection (fixture->bar);
  g_assert_cmpstr (tandem_search_bar_get_search_text (fixture->bar), ==, "a\\.b\\(c\\)");
  assert_status (fixture, "1 of 1");

  /* A selection over several lines is not a search text: the entry keeps its text. */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &begin, 2);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &end, 9);
  gtk_text_buffer_select_range (fixture->buffer, &begin, &end);
  tandem_search_bar_prefill_from_selection (fixture->bar);
  g_assert_cmpstr (tandem_search_bar_get_search_text (fixture->bar), ==, "a\\.b\\(c\\)");

  /* Focus goes to the entry. */
  tandem_search_bar_focus_search (fixture->bar);
  g_assert_true (gtk_widget_is_focus (get_child (fixture, "search_entry")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         get_child (fixture, "search_entry")));
}

static void
count_cb (TandemSearchBar *bar,
          guint           *count)
{
  (*count)++;
}

static void
test_search_stop (Fixture       *fixture,
                  gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (fixture->bar, "stop-search", G_CALLBACK (count_cb), &count);

  click (fixture, "close_button");
  g_assert_cmpuint (count, ==, 1);

  g_signal_emit_by_name (get_child (fixture, "search_entry"), "stop-search");
  g_assert_cmpuint (count, ==, 2);

  /* Unmapping the bar turns the match highlighting off. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->bar), FALSE);
  g_assert_false (gtk_source_search_context_get_highlight (tandem_search_bar_get_context (fixture->bar)));
  gtk_widget_set_visible (GTK_WIDGET (fixture->bar), TRUE);
  tandem_test_spin (20);
  g_assert_true (gtk_source_search_context_get_highlight (tandem_search_bar_get_context (fixture->bar)));
}

static void
test_search_buffer_swap (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GtkSourceBuffer) other = gtk_source_buffer_new (NULL);

  type_search (fixture, "foo");
  assert_status (fixture, "1 of 5");

  /* The bar follows the view to its new buffer. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (other), "foo foo\n", -1);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_BUFFER (other));
  fixture->buffer = GTK_TEXT_BUFFER (other);
  g_assert_true (gtk_source_search_context_get_buffer (tandem_search_bar_get_context (fixture->bar)) == other);
  assert_status (fixture, "2 matches");

  tandem_search_bar_next (fixture->bar);
  assert_status (fixture, "1 of 2");

  tandem_search_bar_set_view (fixture->bar, NULL);
  g_assert_null (tandem_search_bar_get_context (fixture->bar));
  assert_status (fixture, "");
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add ("/search/counts", Fixture, NULL, fixture_setup, test_search_counts, fixture_teardown);
  g_test_add ("/search/next-previous", Fixture, NULL, fixture_setup, test_search_next_previous, fixture_teardown);
  g_test_add ("/search/replace", Fixture, NULL, fixture_setup, test_search_replace, fixture_teardown);
  g_test_add ("/search/replace-regex", Fixture, NULL, fixture_setup, test_search_replace_regex, fixture_teardown);
  g_test_add ("/search/replace-read-only", Fixture, NULL, fixture_setup, test_search_replace_read_only, fixture_teardown);
  g_test_add ("/search/prefill", Fixture, NULL, fixture_setup, test_search_prefill, fixture_teardown);
  g_test_add ("/search/stop", Fixture, NULL, fixture_setup, test_search_stop, fixture_teardown);
  g_test_add ("/search/buffer-swap", Fixture, NULL, fixture_setup, test_search_buffer_swap, fixture_teardown);

  return g_test_run ();
}
