/* test-editor-page.c
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

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "tandem-document.h"
#include "tandem-editor-page.h"
#include "tandem-preferences-window.h"
#include "tandem-search-bar.h"
#include "tandem-test.h"

#define SAMPLE_TEXT \
  "int\n" \
  "main (void)\n" \
  "{\n" \
  "  return 0;\n" \
  "}\n"

typedef struct
{
  char             *dir;
  GFile            *file;
  GSettings        *settings;
  TandemDocument   *document;
  GtkWindow        *window;
  TandemEditorPage *page;
  GError           *load_error;
} Fixture;

static gpointer
get_child (Fixture    *fixture,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                  TANDEM_TYPE_EDITOR_PAGE,
                                                  name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
view_shows_document (gpointer data)
{
  Fixture *fixture = data;
  GtkSourceView *view = tandem_editor_page_get_view (fixture->page);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) == GTK_TEXT_BUFFER (fixture->document);
}

static gboolean
finish_load (Fixture       *fixture,
             GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = tandem_test_wait_result (slot, 60000);
  gboolean ret;

  g_clear_error (&fixture->load_error);
  ret = tandem_document_load_finish (fixture->document, result, &fixture->load_error);

  /* What the window does with a failed load. */
  if (!ret)
    tandem_editor_page_show_error (fixture->page, fixture->load_error);

  /* The page gives the loaded document to the view in a main loop iteration of its own. */
  g_assert_true (tandem_test_wait_until (view_shows_document, fixture, 5000));

  return ret;
}

static gboolean
load_document (Fixture *fixture)
{
  GAsyncResult *result = NULL;

  tandem_document_load_async (fixture->document, NULL, tandem_test_store_result_cb, &result);
  return finish_load (fixture, &result);
}

static void
open_file (Fixture    *fixture,
           const char *name,
           const char *contents,
           gssize      length)
{
  g_autoptr(GFile) root = g_file_new_for_path (fixture->dir);

  fixture->file = tandem_test_write_file (fixture->dir, name, contents, length);
  fixture->document = tandem_document_new (fixture->file, root);
  fixture->page = g_object_ref_sink (tandem_editor_page_new (fixture->document));
  g_assert_true (tandem_editor_page_get_document (fixture->page) == fixture->document);

  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static guint count;
  g_autofree char *name = g_strdup_printf ("project-%u", ++count);

  fixture->dir = tandem_test_make_dir (name);
  fixture->settings = g_settings_new (SCHEMA_ID);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tandem_test_spin (20);

  g_clear_object (&fixture->page);
  g_clear_object (&fixture->document);
  g_clear_object (&fixture->file);
  g_clear_error (&fixture->load_error);

  /* Every test starts from the defaults. */
  g_settings_reset (fixture->settings, "tab-width");
  g_settings_reset (fixture->settings, "insert-spaces");
  g_settings_reset (fixture->settings, "wrap-lines");
  g_settings_reset (fixture->settings, "show-line-numbers");
  g_settings_reset (fixture->settings, "highlight-current-line");
  g_settings_reset (fixture->settings, "show-right-margin");
  g_settings_reset (fixture->settings, "right-margin-position");
  g_settings_reset (fixture->settings, "style-scheme");
  g_settings_reset (fixture->settings, "use-system-font");
  g_settings_reset (fixture->settings, "custom-font");
  g_settings_reset (fixture->settings, "show-hidden-files");
  g_settings_reset (fixture->settings, "restore-session");
  g_clear_object (&fixture->settings);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_clear_pointer (&fixture->dir, g_free);
}

static void
test_page_load (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSourceView *view;
  GtkProgressBar *progress;
  GAsyncResult *result = NULL;
  g_autofree char *text = NULL;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  view = tandem_editor_page_get_view (fixture->page);
  progress = get_child (fixture, "progress_bar");

  g_assert_true (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) == GTK_TEXT_BUFFER (fixture->document));

  /* While loading, a progress bar shows and the text cannot be edited. */
  tandem_document_load_async (fixture->document, NULL, tandem_test_store_result_cb, &result);
  g_assert_true (tandem_document_get_loading (fixture->document));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));

  g_assert_true (finish_load (fixture, &result));
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (fixture->document));
  /* The trailing newline is implicit in the buffer; it is written back on save. */
  g_assert_cmpstr (text, ==, "int\nmain (void)\n{\n  return 0;\n}");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_null (tandem_editor_page_get_error (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (fixture, "stack")), ==, "editor");

  /* The view is set up for code. */
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_source_view_get_show_line_numbers (view));
  g_assert_true (gtk_source_view_get_highlight_current_line (view));
  g_assert_true (gtk_source_view_get_auto_indent (view));
  g_assert_true (gtk_source_view_get_smart_backspace (view));
  g_assert_true (gtk_source_view_get_show_right_margin (view));
  g_assert_cmpuint (gtk_source_view_get_right_margin_position (view), ==, 80);
  g_assert_true (gtk_source_buffer_get_highlight_matching_brackets (GTK_SOURCE_BUFFER (fixture->document)));
  g_assert_cmpuint (gtk_source_view_get_tab_width (view), ==, 4);
  g_assert_true (gtk_source_view_get_insert_spaces_instead_of_tabs (view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_NONE);
  g_assert_false (gtk_revealer_get_reveal_child (get_child (fixture, "banner_revealer")));

  /* Focus goes to the text. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->page));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));
}

static void
test_page_settings (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSourceView *view;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  view = tandem_editor_page_get_view (fixture->page);

  /* Every setting applies live to an open page. */
  g_settings_set_uint (fixture->settings, "tab-width", 8);
  g_assert_cmpuint (gtk_source_view_get_tab_width (view), ==, 8);
  g_settings_set_uint (fixture->settings, "tab-width", 2);
  g_assert_cmpuint (gtk_source_view_get_tab_width (view), ==, 2);

  g_settings_set_boolean (fixture->settings, "insert-spaces", FALSE);
  g_assert_false (gtk_source_view_get_insert_spaces_instead_of_tabs (view));

  g_settings_set_boolean (fixture->settings, "wrap-lines", TRUE);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_WORD_CHAR);
  g_settings_set_boolean (fixture->settings, "wrap-lines", FALSE);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_NONE);

  g_settings_set_boolean (fixture->settings, "show-line-numbers", FALSE);
  g_assert_false (gtk_source_view_get_show_line_numbers (view));

  g_settings_set_boolean (fixture->settings, "highlight-current-line", FALSE);
  g_assert_false (gtk_source_view_get_highlight_current_line (view));

  g_settings_set_boolean (fixture->settings, "show-right-margin", FALSE);
  g_assert_false (gtk_source_view_get_show_right_margin (view));
  g_settings_set_uint (fixture->settings, "right-margin-position", 100);
  g_assert_cmpuint (gtk_source_view_get_right_margin_position (view), ==, 100);
}

static const char *
get_scheme_id (Fixture *fixture)
{
  GtkSourceStyleScheme *scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (fixture->document));

  g_assert_nonnull (scheme);
  return gtk_source_style_scheme_get_id (scheme);
}

static void
test_page_style_scheme (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  g_assert_cmpstr (get_scheme_id (fixture), ==, "Adwaita");

  /* Dark mode switches live to the dark variant of the chosen scheme... */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpstr (get_scheme_id (fixture), ==, "Adwaita-dark");

  g_settings_set_string (fixture->settings, "style-scheme", "classic");
  g_assert_cmpstr (get_scheme_id (fixture), ==, "classic-dark");

  /* ...a "-light" scheme has its "-dark" twin... */
  g_settings_set_string (fixture->settings, "style-scheme", "solarized-light");
  g_assert_cmpstr (get_scheme_id (fixture), ==, "solarized-dark");

  /* ...and a scheme without a dark variant stays as it is. */
  g_settings_set_string (fixture->settings, "style-scheme", "tango");
  g_assert_cmpstr (get_scheme_id (fixture), ==, "tango");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_string (fixture->settings, "style-scheme", "solarized-light");
  g_assert_cmpstr (get_scheme_id (fixture), ==, "solarized-light");

  /* An unknown scheme falls back to Adwaita instead of showing nothing. */
  g_settings_set_string (fixture->settings, "style-scheme", "no-such-scheme");
  g_assert_cmpstr (get_scheme_id (fixture), ==, "Adwaita");
}

typedef struct
{
  GtkWidget  *widget;
  const char *family;
  double      points;
} FontWait;

/* GTK turns the CSS font into a family list and an absolute size in pixels at 96 dpi. */
static gboolean
font_matches (gpointer data)
{
  FontWait *wait = data;
  PangoContext *context = gtk_widget_get_pango_context (wait->widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", 2);
  double size = (double)pango_font_description_get_size (desc) / PANGO_SCALE;

  if (!pango_font_description_get_size_is_absolute (desc))
    size = size * 96.0 / 72.0;

  return g_strcmp0 (families[0], wait->family) == 0 &&
         ABS (size - wait->points * 96.0 / 72.0) < 0.01;
}

static void
assert_font (GtkWidget  *widget,
             const char *font)
{
  g_autoptr(PangoFontDescription) expected = pango_font_description_from_string (font);
  FontWait wait = {
    widget,
    pango_font_description_get_family (expected),
    (double)pango_font_description_get_size (expected) / PANGO_SCALE,
  };

  if (!tandem_test_wait_until (font_matches, &wait, 5000))
    {
      const PangoFontDescription *desc;
      g_autofree char *actual = NULL;

      desc = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
      actual = pango_font_description_to_string (desc);
      g_error ("font is “%s”, expected “%s”", actual, font);
    }
}

static void
test_page_font (Fixture       *fixture,
                gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) desktop = NULL;
  g_autofree char *system_font = NULL;
  GtkWidget *view;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  view = GTK_WIDGET (tandem_editor_page_get_view (fixture->page));

  desktop = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (desktop != NULL)
    {
      g_autoptr(GSettings) interface = g_settings_new_full (desktop, NULL, NULL);

      system_font = g_settings_get_string (interface, "monospace-font-name");
    }
  else
    {
      system_font = g_strdup ("Monospace 11");
    }

  g_assert_true (g_settings_get_boolean (fixture->settings, "use-system-font"));
  assert_font (view, system_font);

  g_settings_set_string (fixture->settings, "custom-font", "Serif 17");
  assert_font (view, system_font);

  g_settings_set_boolean (fixture->settings, "use-system-font", FALSE);
  assert_font (view, "Serif 17");

  g_settings_set_string (fixture->settings, "custom-font", "Monospace 9");
  assert_font (view, "Monospace 9");

  g_settings_set_boolean (fixture->settings, "use-system-font", TRUE);
  assert_font (view, system_font);
}

static void
test_page_goto (Fixture       *fixture,
                gconstpointer  data)
{
  GtkRevealer *revealer;
  GtkEditable *entry;
  GtkWidget *message;
  guint line;
  guint line_offset;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  revealer = get_child (fixture, "goto_revealer");
  entry = get_child (fixture, "goto_entry");
  message = get_child (fixture, "goto_message");

  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpuint (line_offset, ==, 0);

  tandem_editor_page_goto (fixture->page, 3, 2);
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (line_offset, ==, 2);

  /* Past the end of a line: the end of that line. */
  tandem_editor_page_goto (fixture->page, 1, 500);
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (line_offset, ==, strlen ("main (void)"));

  /* Past the last line: the end of the text. */
  tandem_editor_page_goto (fixture->page, 500, 3);
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (line_offset, ==, 1);

  /* Ctrl+L opens the entry with the current line, counted from 1. */
  tandem_editor_page_goto (fixture->page, 2, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.goto-line", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "3");

  /* Invalid input explains itself and moves nothing. */
  gtk_editable_set_text (entry, "twelve");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "Type a line number, or a line and a column like 12:5.");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 2);

  gtk_editable_set_text (entry, "0");
  g_assert_false (gtk_widget_get_visible (message));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (message));

  gtk_editable_set_text (entry, "2:x");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (message));

  gtk_editable_set_text (entry, "40");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==, "There are only 5 lines.");
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 2);

  /* "Line:Column" jumps there and closes the entry. */
  gtk_editable_set_text (entry, " 4:5 ");
  g_signal_emit_by_name (entry, "activate");
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (line_offset, ==, 4);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (tandem_editor_page_get_view (fixture->page))));

  /* A line alone goes to its start; Escape closes without moving. */
  tandem_editor_page_show_goto_line (fixture->page);
  gtk_editable_set_text (entry, "2");
  g_signal_emit_by_name (entry, "activate");
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (line_offset, ==, 0);

  tandem_editor_page_show_goto_line (fixture->page);
  gtk_editable_set_text (entry, "5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.hide-goto-line", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  tandem_editor_page_get_cursor (fixture->page, &line, &line_offset);
  g_assert_cmpuint (line, ==, 1);
}

typedef struct
{
  GtkTextBuffer *buffer;
  int            begin;
  int            end;
} SelectionWait;

static gboolean
selection_is (gpointer data)
{
  SelectionWait *wait = data;
  GtkTextIter begin;
  GtkTextIter end;

  gtk_text_buffer_get_selection_bounds (wait->buffer, &begin, &end);
  return gtk_text_iter_get_offset (&begin) == wait->begin &&
         gtk_text_iter_get_offset (&end) == wait->end;
}

static void
assert_selection (GtkTextBuffer *buffer,
                  int            begin,
                  int            end)
{
  SelectionWait wait = { buffer, begin, end };

  if (!tandem_test_wait_until (selection_is, &wait, 5000))
    g_error ("the selection did not become %d-%d", begin, end);
}

static void
test_page_search (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkRevealer *revealer;
  TandemSearchBar *bar;
  GtkTextBuffer *buffer;
  GtkTextIter begin;
  GtkTextIter end;

  open_file (fixture, "main.c", "foo bar\nfoo baz\nfoo\n", -1);
  g_assert_true (load_document (fixture));
  revealer = get_child (fixture, "search_revealer");
  bar = tandem_editor_page_get_search_bar (fixture->page);
  buffer = GTK_TEXT_BUFFER (fixture->document);

  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Ctrl+F opens the bar with the selected word. */
  gtk_text_buffer_get_iter_at_offset (buffer, &begin, 4);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 7);
  gtk_text_buffer_select_range (buffer, &begin, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_false (tandem_search_bar_get_replace_mode (bar));
  g_assert_cmpstr (tandem_search_bar_get_search_text (bar), ==, "bar");

  /* Escape closes it and gives the focus back to the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.hide-search", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (tandem_editor_page_get_view (fixture->page))));

  /* Ctrl+G repeats the search with the bar closed. */
  tandem_search_bar_set_search_text (bar, "foo");
  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_place_cursor (buffer, &begin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find-next", NULL));
  assert_selection (buffer, 0, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find-next", NULL));
  assert_selection (buffer, 8, 11);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find-previous", NULL));
  assert_selection (buffer, 0, 3);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* With no search text, Ctrl+G opens the bar instead. */
  tandem_search_bar_set_search_text (bar, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find-next", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  tandem_editor_page_hide_search (fixture->page);

  /* Ctrl+H opens it in replace mode. */
  tandem_editor_page_show_search (fixture->page, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (tandem_search_bar_get_replace_mode (bar));

  /* The bar's own close request closes it too. */
  g_signal_emit_by_name (bar, "stop-search");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

typedef struct
{
  GtkRevealer *revealer;
  gboolean     revealed;
} RevealWait;

static gboolean
reveal_is (gpointer data)
{
  RevealWait *wait = data;

  return gtk_revealer_get_reveal_child (wait->revealer) == wait->revealed;
}

static void
wait_banner (Fixture  *fixture,
             gboolean  revealed)
{
  RevealWait wait = { get_child (fixture, "banner_revealer"), revealed };

  if (!tandem_test_wait_until (reveal_is, &wait, 10000))
    g_error ("the banner did not %s", revealed ? "show" : "hide");
}

static gboolean
text_is (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *text = tandem_test_dup_text (GTK_TEXT_BUFFER (fixture->document));

  return g_strcmp0 (text, "changed on disk") == 0 &&
         !tandem_document_get_loading (fixture->document);
}

static void
rewrite_file (Fixture    *fixture,
              const char *contents,
              gssize      length)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autoptr(GError) error = NULL;

  /* The ETag holds the modification time; make sure it moves. */
  g_usleep (20000);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_page_external_change (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkLabel *label;
  GtkWidget *reload;
  GtkWidget *keep;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  label = get_child (fixture, "banner_label");
  reload = get_child (fixture, "reload_button");
  keep = get_child (fixture, "keep_button");

  /* A change on disk shows the banner with both choices. */
  rewrite_file (fixture, "changed on disk\n", -1);
  wait_banner (fixture, TRUE);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "The file was changed on disk.");
  g_assert_true (gtk_widget_get_visible (reload));
  g_assert_true (gtk_widget_get_visible (keep));
  g_assert_true (gtk_widget_is_sensitive (reload));

  /* Reload loads the new text and hides the banner. */
  g_signal_emit_by_name (reload, "clicked");
  if (!tandem_test_wait_until (text_is, fixture, 10000))
    g_error ("the page was not reloaded");
  wait_banner (fixture, FALSE);
  g_assert_false (tandem_document_get_externally_modified (fixture->document));

  /* Keep Mine leaves the text alone and hides the banner. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (fixture->document), "my edit\n", -1);
  rewrite_file (fixture, "theirs\n", -1);
  wait_banner (fixture, TRUE);
  g_signal_emit_by_name (keep, "clicked");
  wait_banner (fixture, FALSE);
  g_assert_false (tandem_document_get_externally_modified (fixture->document));
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (fixture->document));
  g_assert_cmpstr (text, ==, "my edit\n");

  /* A deleted file says how to get it back, with no Reload to press. */
  path = g_file_get_path (fixture->file);
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_banner (fixture, TRUE);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "The file was deleted on disk. Save to recreate it.");
  g_assert_false (gtk_widget_get_visible (reload));
  g_assert_false (gtk_widget_get_visible (keep));
}

static void
assert_error_page (Fixture    *fixture,
                   const char *title,
                   const char *buffer_text)
{
  AdwStatusPage *status = get_child (fixture, "status_page");
  GtkSourceView *view = tandem_editor_page_get_view (fixture->page);
  const GError *error = tandem_editor_page_get_error (fixture->page);
  g_autofree char *text = NULL;

  g_assert_nonnull (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (fixture, "stack")), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, title);
  g_assert_cmpstr (adw_status_page_get_description (status), ==, error->message);
  g_assert_nonnull (adw_status_page_get_icon_name (status));

  /* Nothing of the file is in the buffer, and nothing can be typed into it. */
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (fixture->document));
  g_assert_cmpstr (text, ==, buffer_text);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture->document)));

  /* Find and go-to-line do nothing on an error page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (get_child (fixture, "search_revealer")));
  tandem_editor_page_show_goto_line (fixture->page);
  g_assert_false (gtk_revealer_get_reveal_child (get_child (fixture, "goto_revealer")));
  g_assert_false (gtk_revealer_get_reveal_child (get_child (fixture, "banner_revealer")));
}

static void
test_page_binary (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";

  open_file (fixture, "program", binary, sizeof binary);
  g_assert_false (load_document (fixture));
  g_assert_error (fixture->load_error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_BINARY);
  assert_error_page (fixture, "This File Is Not Text", "");
}

static gboolean
page_has_error (gpointer data)
{
  return tandem_editor_page_get_error (data) != NULL;
}

static void
test_page_reload_fails (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char binary[] = "PK\x03\x04\0\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0";

  open_file (fixture, "notes.txt", "plain text\n", -1);
  g_assert_true (load_document (fixture));

  /* The file became binary on disk: Reload shows why it cannot be shown. */
  rewrite_file (fixture, binary, sizeof binary);
  wait_banner (fixture, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.reload", NULL));
  wait_banner (fixture, FALSE);
  if (!tandem_test_wait_until (page_has_error, fixture->page, 10000))
    g_error ("the reload error was not shown");
  g_assert_error ((GError *)tandem_editor_page_get_error (fixture->page),
                  TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_BINARY);
  /* The text loaded before stays in the buffer, untouched and read-only. */
  assert_error_page (fixture, "This File Is Not Text", "plain text");

  /* Clearing the error shows the editor again. */
  tandem_editor_page_show_error (fixture->page, NULL);
  g_assert_null (tandem_editor_page_get_error (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (fixture, "stack")), ==, "editor");
  g_assert_true (tandem_test_wait_until (view_shows_document, fixture, 5000));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (tandem_editor_page_get_view (fixture->page))));
}

static void
test_page_permission (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read files without permission");
      return;
    }

  open_file (fixture, "secret.txt", "secret\n", -1);
  path = g_file_get_path (fixture->file);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  g_assert_false (load_document (fixture));
  assert_error_page (fixture, "Permission Denied", "");
}

static gboolean
document_idle (gpointer data)
{
  return !tandem_document_get_loading (data);
}

static void
test_page_dispose_during_reload (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  g_assert_true (load_document (fixture));
  rewrite_file (fixture, "new text\n", -1);
  wait_banner (fixture, TRUE);

  /* The tab is closed while its reload runs: the document lives on without it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.reload", NULL));
  gtk_window_set_child (fixture->window, NULL);
  g_clear_object (&fixture->page);

  tandem_test_wait_until (document_idle, fixture->document, 10000);
  g_assert_false (tandem_document_get_loading (fixture->document));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (fixture->settings, "style-scheme", "classic");
  rewrite_file (fixture, "newer text\n", -1);
  tandem_test_spin (300);

  text = tandem_test_dup_text (GTK_TEXT_BUFFER (fixture->document));
  g_assert_true (g_strcmp0 (text, "new text") == 0 || g_strcmp0 (text, SAMPLE_TEXT) == 0 ||
                 g_strcmp0 (text, "int\nmain (void)\n{\n  return 0;\n}") == 0);
}

static void
test_page_not_regular (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "src", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (fixture->dir);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  fixture->file = g_file_new_for_path (folder);
  fixture->document = tandem_document_new (fixture->file, root);
  fixture->page = g_object_ref_sink (tandem_editor_page_new (fixture->document));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  g_assert_false (load_document (fixture));
  g_assert_error (fixture->load_error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_NOT_REGULAR);
  assert_error_page (fixture, "This Is Not a Regular File", "");
}

static void
count_removed_words_cb (GtkSourceCompletion         *completion,
                        GtkSourceCompletionProvider *provider,
                        guint                       *count)
{
  if (GTK_SOURCE_IS_COMPLETION_WORDS (provider))
    (*count)++;
}

static void
test_page_large (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new (NULL);
  GtkSourceCompletion *completion;
  guint removed = 0;

  while (big->len < TANDEM_DOCUMENT_LARGE_FILE_SIZE + 1024)
    g_string_append (big, "a line of text in a large file\n");

  open_file (fixture, "big.txt", big->str, big->len);
  completion = gtk_source_view_get_completion (tandem_editor_page_get_view (fixture->page));
  g_signal_connect (completion, "provider-removed", G_CALLBACK (count_removed_words_cb), &removed);

  g_assert_true (load_document (fixture));
  g_assert_true (tandem_document_get_is_large (fixture->document));

  /* Word completion was dropped once the document turned out large. */
  g_assert_cmpuint (removed, ==, 1);
  g_signal_handlers_disconnect_by_func (completion, count_removed_words_cb, &removed);
}

static void
test_page_small_keeps_words (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkSourceCompletion *completion;
  guint removed = 0;

  open_file (fixture, "main.c", SAMPLE_TEXT, -1);
  completion = gtk_source_view_get_completion (tandem_editor_page_get_view (fixture->page));
  g_signal_connect (completion, "provider-removed", G_CALLBACK (count_removed_words_cb), &removed);

  g_assert_true (load_document (fixture));
  g_assert_false (tandem_document_get_is_large (fixture->document));
  g_assert_cmpuint (removed, ==, 0);
  g_signal_handlers_disconnect_by_func (completion, count_removed_words_cb, &removed);
}

static gpointer
get_prefs_child (GtkWidget  *window,
                 const char *name)
{
  GObject *child = gtk_widget_get_template_child (window, TANDEM_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static void
test_preferences_window (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *prefs;
  AdwComboRow *schemes;
  GtkSourceStyleScheme *selected;
  g_autofree char *scheme_id = NULL;
  guint n_items;
  guint classic = GTK_INVALID_LIST_POSITION;

  gtk_window_present (fixture->window);
  prefs = tandem_preferences_window_new (fixture->window);
  g_assert_true (TANDEM_IS_PREFERENCES_WINDOW (prefs));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == fixture->window);
  gtk_window_present (GTK_WINDOW (prefs));

  /* Switches write their keys, and follow them. */
  gtk_switch_set_active (get_prefs_child (prefs, "wrap_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "wrap-lines"));
  g_settings_set_boolean (fixture->settings, "show-line-numbers", FALSE);
  g_assert_false (gtk_switch_get_active (get_prefs_child (prefs, "line_numbers_switch")));
  gtk_switch_set_active (get_prefs_child (prefs, "hidden_files_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "show-hidden-files"));
  gtk_switch_set_active (get_prefs_child (prefs, "restore_session_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "restore-session"));
  gtk_switch_set_active (get_prefs_child (prefs, "insert_spaces_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "insert-spaces"));
  gtk_switch_set_active (get_prefs_child (prefs, "current_line_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "highlight-current-line"));

  /* Spin buttons write unsigned keys. */
  gtk_spin_button_set_value (get_prefs_child (prefs, "tab_width_spin"), 8);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "tab-width"), ==, 8);
  g_settings_set_uint (fixture->settings, "right-margin-position", 120);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_prefs_child (prefs, "right_margin_spin")), ==, 120);

  /* The margin column only matters while the margin is shown. */
  g_assert_true (gtk_widget_get_sensitive (get_prefs_child (prefs, "right_margin_position_row")));
  gtk_switch_set_active (get_prefs_child (prefs, "right_margin_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "show-right-margin"));
  g_assert_false (gtk_widget_get_sensitive (get_prefs_child (prefs, "right_margin_position_row")));

  /* The font button is only usable without the system font. */
  g_assert_false (gtk_widget_get_sensitive (get_prefs_child (prefs, "custom_font_row")));
  gtk_switch_set_active (get_prefs_child (prefs, "system_font_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "use-system-font"));
  g_assert_true (gtk_widget_get_sensitive (get_prefs_child (prefs, "custom_font_row")));
  gtk_font_chooser_set_font (get_prefs_child (prefs, "font_button"), "Monospace 15");
  scheme_id = g_settings_get_string (fixture->settings, "custom-font");
  g_assert_cmpstr (scheme_id, ==, "Monospace 15");
  g_clear_pointer (&scheme_id, g_free);

  /* The scheme list has no separate dark variants, and selecting writes the id. */
  schemes = get_prefs_child (prefs, "style_scheme_row");
  n_items = g_list_model_get_n_items (adw_combo_row_get_model (schemes));
  g_assert_cmpuint (n_items, >, 0);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkSourceStyleScheme) scheme = g_list_model_get_item (adw_combo_row_get_model (schemes), i);
      const char *id = gtk_source_style_scheme_get_id (scheme);

      g_assert_cmpstr (id, !=, "Adwaita-dark");
      g_assert_cmpstr (id, !=, "classic-dark");
      if (g_strcmp0 (id, "classic") == 0)
        classic = i;
    }
  g_assert_cmpuint (classic, !=, GTK_INVALID_LIST_POSITION);

  selected = adw_combo_row_get_selected_item (schemes);
  g_assert_nonnull (selected);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (selected), ==, "Adwaita");

  adw_combo_row_set_selected (schemes, classic);
  scheme_id = g_settings_get_string (fixture->settings, "style-scheme");
  g_assert_cmpstr (scheme_id, ==, "classic");

  g_settings_set_string (fixture->settings, "style-scheme", "tango");
  selected = adw_combo_row_get_selected_item (schemes);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (selected), ==, "tango");

  gtk_window_destroy (GTK_WINDOW (prefs));
  tandem_test_spin (20);
}

static void
test_help_overlay (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  GObject *overlay;

  gtk_builder_add_from_resource (builder, "/io/github/tandemide/Tandem/app/tandem-shortcuts-window.ui", &error);
  g_assert_no_error (error);

  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/editor-page/load", test_page_load);
  ADD ("/editor-page/settings", test_page_settings);
  ADD ("/editor-page/style-scheme", test_page_style_scheme);
  ADD ("/editor-page/font", test_page_font);
  ADD ("/editor-page/goto", test_page_goto);
  ADD ("/editor-page/search", test_page_search);
  ADD ("/editor-page/external-change", test_page_external_change);
  ADD ("/editor-page/binary", test_page_binary);
  ADD ("/editor-page/reload-fails", test_page_reload_fails);
  ADD ("/editor-page/permission", test_page_permission);
  ADD ("/editor-page/not-regular", test_page_not_regular);
  ADD ("/editor-page/dispose-during-reload", test_page_dispose_during_reload);
  ADD ("/editor-page/large", test_page_large);
  ADD ("/editor-page/small-keeps-words", test_page_small_keeps_words);
  ADD ("/editor-page/preferences", test_preferences_window);
  ADD ("/editor-page/help-overlay", test_help_overlay);

#undef ADD

  return g_test_run ();
}
