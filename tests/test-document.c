/* test-document.c
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

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "tandem-document.h"
#include "tandem-test.h"

static TandemDocument *
open_document (GFile *file)
{
  TandemDocument *doc = tandem_document_new (file, NULL);
  g_autoptr(GError) error = tandem_test_load_document (doc);

  g_assert_no_error (error);
  g_assert_false (tandem_document_get_loading (doc));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));

  return doc;
}

static void
assert_file_bytes (GFile      *file,
                   const char *expected,
                   gsize       expected_len)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_load_contents (file, NULL, &contents, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, expected, expected_len);
}

/* Loads @contents, checks the buffer text, saves unchanged and checks the bytes,
 * then appends @append and checks the saved bytes against @after. */
static TandemDocument *
round_trip (const char *name,
            const char *contents,
            gssize      len,
            const char *expected_text)
{
  g_autofree char *dir = tandem_test_make_dir (name);
  g_autoptr(GFile) file = tandem_test_write_file (dir, name, contents, len);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TandemDocument *doc;

  if (len < 0)
    len = strlen (contents);

  doc = open_document (file);
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));
  g_assert_cmpstr (text, ==, expected_text);

  /* Loading is not an undoable edit. */
  g_assert_false (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (doc)));

  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  assert_file_bytes (file, contents, len);

  return doc;
}

static void
test_utf8_round_trip (void)
{
  static const char contents[] = "int main (void)\n{\n  return 0; /* héllo wörld ✓ */\n}\n";
  static const char after[] = "int main (void)\n{\n  return 0; /* héllo wörld ✓ */\n}\n// ünïcode\n";
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = round_trip ("utf8.c", contents, -1,
                    "int main (void)\n{\n  return 0; /* héllo wörld ✓ */\n}");
  g_assert_cmpstr (gtk_source_encoding_get_charset (tandem_document_get_encoding (doc)), ==,
                   "UTF-8");
  g_assert_cmpint (tandem_document_get_newline_type (doc), ==, GTK_SOURCE_NEWLINE_TYPE_LF);

  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\n// ünïcode");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  assert_file_bytes (tandem_document_get_file (doc), after, strlen (after));
}

static void
test_crlf_kept (void)
{
  static const char contents[] = "first\r\nsecond\r\n";
  static const char after[] = "first\r\nsecond\r\nthird\r\n";
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = round_trip ("crlf.txt", contents, -1, "first\r\nsecond");
  g_assert_cmpint (tandem_document_get_newline_type (doc), ==, GTK_SOURCE_NEWLINE_TYPE_CR_LF);

  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nthird");
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  assert_file_bytes (tandem_document_get_file (doc), after, strlen (after));
}

static void
test_no_trailing_newline (void)
{
  static const char contents[] = "no newline\nat the end";
  static const char after[] = "no newline\nat the end!";
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(TandemDocument) doc2 = NULL;
  g_autoptr(TandemDocument) doc3 = NULL;
  g_autoptr(GError) error = NULL;

  doc = round_trip ("no-newline.txt", contents, -1, "no newline\nat the end");
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "!");
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  assert_file_bytes (tandem_document_get_file (doc), after, strlen (after));

  /* Two trailing newlines stay two; an empty file stays empty. */
  doc2 = round_trip ("two-newlines.txt", "x\n\n", -1, "x\n");
  doc3 = round_trip ("empty.txt", "", 0, "");
}

static void
test_latin1 (void)
{
  static const char contents[] = "caf\xe9\nna\xefve\n";
  static const char after[] = "caf\xe9\xe9\nna\xefve\n";
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const GtkSourceEncoding *encoding;
  GtkTextIter iter;

  doc = round_trip ("latin1.txt", contents, -1, "café\nnaïve");
  encoding = tandem_document_get_encoding (doc);
  g_test_message ("Latin-1 file detected as %s", gtk_source_encoding_get_charset (encoding));
  g_assert_true (encoding != gtk_source_encoding_get_utf8 ());
  /* ISO-8859-15 is the GtkSourceView fallback and agrees with Latin-1 on é and ï. */
  g_assert_cmpstr (gtk_source_encoding_get_charset (encoding), ==, "ISO-8859-15");

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (doc), &iter, 0, 4);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (doc), &iter, "é", -1);
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  assert_file_bytes (tandem_document_get_file (doc), after, strlen (after));
}

static void
test_latin1_deep_in_file (void)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(TandemDocument) doc = NULL;

  /* The only non-ASCII bytes are far past the first chunk the loader reads: a
   * guess from the start of the file would pick UTF-8 and mangle them. */
  while (contents->len < 300 * 1024)
    g_string_append (contents, "plain ascii line\n");
  g_string_append (expected, contents->str);
  g_string_append (contents, "r\xe9sum\xe9\n");
  g_string_append (expected, "résumé");

  doc = round_trip ("deep-latin1.txt", contents->str, contents->len, expected->str);
  g_assert_cmpstr (gtk_source_encoding_get_charset (tandem_document_get_encoding (doc)), ==,
                   "ISO-8859-15");
}

static void
test_undecodable (void)
{
  /* Bytes that are not UTF-8 load through the 8-bit fallback and save back
   * unchanged. */
  static const char invalid_utf8[] = "ok \x80\x81\xfe\xff end\n";
  /* A UTF-16 byte order mark followed by a lone surrogate decodes in no
   * candidate encoding. */
  static const char broken_utf16[] = "\xff\xfe" "a\0b\0" "\x00\xdc" "c\0";
  g_autofree char *dir = tandem_test_make_dir ("undecodable");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(TandemDocument) doc2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  doc = round_trip ("invalid-utf8.txt", invalid_utf8, strlen (invalid_utf8),
                    "ok \xc2\x80\xc2\x81\xc3\xbe\xc3\xbf end");
  g_assert_cmpstr (gtk_source_encoding_get_charset (tandem_document_get_encoding (doc)), ==,
                   "ISO-8859-15");

  file = tandem_test_write_file (dir, "broken-utf16.txt", broken_utf16, sizeof broken_utf16 - 1);
  doc2 = tandem_document_new (file, NULL);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (doc2), "untouched", -1);
  error = tandem_test_load_document (doc2);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "broken-utf16.txt"));
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc2));
  g_assert_cmpstr (text, ==, "untouched");
  g_assert_false (tandem_document_get_loading (doc2));
}

static void
test_utf16_bom (void)
{
  static const char contents[] = "\xff\xfe" "h\0i\0\n\0";
  g_autofree char *dir = tandem_test_make_dir ("utf16");
  g_autoptr(GFile) file = tandem_test_write_file (dir, "utf16.txt", contents, sizeof contents - 1);
  g_autoptr(TandemDocument) doc = open_document (file);
  g_autofree char *text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));

  g_assert_cmpstr (text, ==, "hi");
  g_assert_cmpstr (gtk_source_encoding_get_charset (tandem_document_get_encoding (doc)), ==,
                   "UTF-16");
}

static void
assert_binary (const char *name,
               const char *contents,
               gsize       len)
{
  g_autofree char *dir = tandem_test_make_dir ("binary");
  g_autoptr(GFile) file = tandem_test_write_file (dir, name, contents, len);
  g_autoptr(TandemDocument) doc = tandem_document_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (doc), "untouched", -1);
  error = tandem_test_load_document (doc);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, "binary"));
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));
  g_assert_cmpstr (text, ==, "untouched");
  g_assert_false (tandem_document_get_loading (doc));
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  static const char nuls[] = "looks like text\0but has\0NUL bytes\n";

  assert_binary ("image.png", png, sizeof png - 1);
  assert_binary ("notes.txt", nuls, sizeof nuls - 1);
}

static void
test_not_regular (void)
{
  g_autofree char *dir = tandem_test_make_dir ("a-folder");
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(TandemDocument) doc = tandem_document_new (file, NULL);
  g_autoptr(GError) error = tandem_test_load_document (doc);

  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "a-folder"));
}

static void
test_missing_and_too_large (void)
{
  g_autofree char *dir = tandem_test_make_dir ("limits");
  g_autofree char *missing_path = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *huge_path = g_build_filename (dir, "huge.log", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) huge = g_file_new_for_path (huge_path);
  g_autoptr(TandemDocument) doc = tandem_document_new (missing, NULL);
  g_autoptr(TandemDocument) doc2 = tandem_document_new (huge, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  int fd;

  error = tandem_test_load_document (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* A sparse file: big on paper, no disk used. */
  fd = g_open (huge_path, O_CREAT | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)TANDEM_DOCUMENT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  error2 = tandem_test_load_document (doc2);
  g_assert_error (error2, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error2->message, "huge.log"));
}

static void
assert_save_keeps_mode (const char *name,
                        const char *contents,
                        guint       mode)
{
  g_autofree char *dir = tandem_test_make_dir ("modes");
  g_autoptr(GFile) file = tandem_test_write_file (dir, name, contents, -1);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strconcat (contents, "# edited\n", NULL);
  GStatBuf before, after;

  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  doc = open_document (file);
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\n# edited");
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 07777, ==, mode);
  /* Replaced by a rename: a reader never sees a half-written file. */
  g_assert_cmpint (after.st_ino, !=, before.st_ino);
  assert_file_bytes (file, expected, strlen (expected));
}

static void
test_save_keeps_permissions (void)
{
  assert_save_keeps_mode ("run.sh", "#!/bin/sh\necho hi\n", 0750);
  assert_save_keeps_mode ("secret.env", "TOKEN=1\n", 0600);
}

static void
test_failed_save_keeps_original (void)
{
  static const char original[] = "original bytes\n";
  g_autofree char *dir = tandem_test_make_dir ("failed-save");
  g_autofree char *nowhere = g_build_filename (dir, "does", "not", "exist.txt", NULL);
  g_autoptr(GFile) file = tandem_test_write_file (dir, "keep.txt", original, -1);
  g_autoptr(GFile) target = g_file_new_for_path (nowhere);
  g_autoptr(TandemDocument) doc = open_document (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nunsaved edit");

  error = tandem_test_save_document (doc, target);
  g_assert_nonnull (error);
  g_test_message ("save into a missing folder: %s", error->message);
  g_assert_true (g_file_equal (tandem_document_get_file (doc), file));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  title = tandem_document_dup_title (doc);
  g_assert_cmpstr (title, ==, "keep.txt");
  assert_file_bytes (file, original, strlen (original));
  g_assert_false (g_file_query_exists (target, NULL));

  if (geteuid () != 0)
    {
      g_autofree char *ro_dir = tandem_test_make_dir ("failed-save/read-only");
      g_autoptr(GFile) ro_file = tandem_test_write_file (ro_dir, "locked.txt", original, -1);
      g_autoptr(TandemDocument) ro_doc = open_document (ro_file);
      g_autoptr(GError) ro_error = NULL;

      g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
      g_assert_cmpint (g_chmod (g_file_peek_path (ro_file), 0444), ==, 0);
      tandem_test_append_text (GTK_TEXT_BUFFER (ro_doc), "\nunsaved edit");
      ro_error = tandem_test_save_document (ro_doc, NULL);
      g_assert_nonnull (ro_error);
      g_test_message ("save into a read-only folder: %s", ro_error->message);
      assert_file_bytes (ro_file, original, strlen (original));
      g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (ro_doc)));
      g_chmod (ro_dir, 0755);
    }
  else
    g_test_message ("running as root: the read-only folder case is skipped");
}

static gboolean
get_externally_modified (gpointer data)
{
  return tandem_document_get_externally_modified (data);
}

static gboolean
get_deleted (gpointer data)
{
  return tandem_document_get_deleted (data);
}

static gboolean
get_not_deleted (gpointer data)
{
  return !tandem_document_get_deleted (data);
}

static void
write_behind_our_back (GFile      *file,
                       const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_file_peek_path (file), contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_external_changes (void)
{
  g_autofree char *dir = tandem_test_make_dir ("external");
  g_autoptr(GFile) file = tandem_test_write_file (dir, "watched.txt", "version 1\n", -1);
  g_autoptr(TandemDocument) doc = open_document (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (tandem_document_get_externally_modified (doc));

  /* Our own save is not an external change. */
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nmine");
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  tandem_test_spin (1500);
  g_assert_false (tandem_document_get_externally_modified (doc));
  g_assert_false (tandem_document_get_deleted (doc));

  /* Someone else writes the file. */
  tandem_test_spin (20);
  write_behind_our_back (file, "version 2 from elsewhere\n");
  g_assert_true (tandem_test_wait_until (get_externally_modified, doc, 5000));

  /* Keep mine: the flag stays down, even as late events of that write arrive. */
  tandem_document_keep_mine (doc);
  g_assert_false (tandem_document_get_externally_modified (doc));
  tandem_test_spin (1200);
  g_assert_false (tandem_document_get_externally_modified (doc));

  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  assert_file_bytes (file, "version 1\nmine\n", strlen ("version 1\nmine\n"));

  /* Another external write, then Reload takes the disk version. */
  tandem_test_spin (20);
  write_behind_our_back (file, "version 3\n");
  g_assert_true (tandem_test_wait_until (get_externally_modified, doc, 5000));
  tandem_test_append_text (GTK_TEXT_BUFFER (doc), "\nlocal edit that reload discards");
  error = tandem_test_load_document (doc);
  g_assert_no_error (error);
  text = tandem_test_dup_text (GTK_TEXT_BUFFER (doc));
  g_assert_cmpstr (text, ==, "version 3");
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  g_assert_false (tandem_document_get_externally_modified (doc));

  /* Deleted, then back. */
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_true (tandem_test_wait_until (get_deleted, doc, 5000));
  write_behind_our_back (file, "version 4\n");
  g_assert_true (tandem_test_wait_until (get_not_deleted, doc, 5000));
  g_assert_true (tandem_test_wait_until (get_externally_modified, doc, 5000));

  /* Saving over a deleted file brings it back and clears both flags. */
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_true (tandem_test_wait_until (get_deleted, doc, 5000));
  error = tandem_test_save_document (doc, NULL);
  g_assert_no_error (error);
  g_assert_false (tandem_document_get_deleted (doc));
  g_assert_false (tandem_document_get_externally_modified (doc));
  assert_file_bytes (file, "version 3\n", strlen ("version 3\n"));
}

typedef struct
{
  gint64   last;
  gint64   longest;
  guint    ticks;
  guint    progress_notifies;
  double   last_progress;
  gboolean progress_went_back;
} Ticker;

static gboolean
ticker_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  if (ticker->last != 0)
    ticker->longest = MAX (ticker->longest, now - ticker->last);
  ticker->last = now;
  ticker->ticks++;

  return G_SOURCE_CONTINUE;
}

static void
progress_cb (TandemDocument *doc,
             GParamSpec     *pspec,
             Ticker         *ticker)
{
  double progress = tandem_document_get_progress (doc);

  if (progress < ticker->last_progress)
    ticker->progress_went_back = TRUE;
  ticker->last_progress = progress;
  ticker->progress_notifies++;
}

static void
test_large_file (void)
{
  g_autofree char *dir = tandem_test_make_dir ("large");
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(TandemDocument) doc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  Ticker ticker = { 0 };
  GtkSourceLanguage *language;
  guint line = 0;

  while (contents->len < 10 * 1024 * 1024)
    g_string_append_printf (contents,
                            "static int function_%u (int x) { return x * %u + 1; } /* line */\n",
                            line, line), line++;

  file = tandem_test_write_file (dir, "large.c", contents->str, contents->len);
  doc = tandem_document_new (file, NULL);
  g_signal_connect (doc, "notify::progress", G_CALLBACK (progress_cb), &ticker);

  source = g_timeout_source_new (1);
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, ticker_cb, &ticker, NULL);
  g_source_attach (source, NULL);

  tandem_document_load_async (doc, NULL, tandem_test_store_result_cb, &result);
  g_assert_true (tandem_document_get_loading (doc));
  tandem_test_wait_result (&result, 60000);
  g_source_destroy (source);

  tandem_document_load_finish (doc, result, &error);
  g_assert_no_error (error);

  g_test_message ("10 MB load: %u main loop ticks, longest gap %.1f ms, %u progress updates",
                  ticker.ticks, ticker.longest / 1000.0, ticker.progress_notifies);
  g_assert_cmpint (ticker.longest, <, 250 * 1000);
  g_assert_cmpuint (ticker.ticks, >, 5);
  g_assert_cmpuint (ticker.progress_notifies, >, 2);
  g_assert_false (ticker.progress_went_back);
  g_assert_cmpfloat (tandem_document_get_progress (doc), ==, 1.0);

  g_assert_true (tandem_document_get_is_large (doc));
  g_assert_false (gtk_source_buffer_get_highlight_syntax (GTK_SOURCE_BUFFER (doc)));
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (doc));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "c");
  g_assert_cmpint (gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (doc)), ==, line);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
}

static void
assert_language (const char *name,
                 const char *contents,
                 const char *language_id)
{
  g_autofree char *dir = tandem_test_make_dir ("languages");
  g_autoptr(GFile) file = tandem_test_write_file (dir, name, contents, -1);
  g_autoptr(TandemDocument) doc = open_document (file);
  GtkSourceLanguage *language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (doc));

  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, language_id);
  g_assert_false (tandem_document_get_is_large (doc));
  g_assert_true (gtk_source_buffer_get_highlight_syntax (GTK_SOURCE_BUFFER (doc)));
}

static void
test_language (void)
{
  assert_language ("foo.c", "#include <stdio.h>\nint main (void) { return 0; }\n", "c");
  assert_language ("configure-thing", "#!/bin/sh\necho \"hello\"\n", "sh");
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_untitled_and_save_as (void)
{
  g_autofree char *dir = tandem_test_make_dir ("save-as");
  g_autofree char *path = g_build_filename (dir, "renamed.py", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(TandemDocument) doc = tandem_document_new (NULL, NULL);
  g_autoptr(TandemDocument) other = tandem_document_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = tandem_document_dup_title (doc);
  g_autofree char *other_title = tandem_document_dup_title (other);
  g_autofree char *new_title = NULL;
  guint title_notifies = 0;
  guint file_notifies = 0;
  GtkSourceLanguage *language;

  g_assert_true (g_str_has_prefix (title, "Untitled Document "));
  g_assert_cmpstr (title, !=, other_title);
  g_assert_null (tandem_document_get_file (doc));
  g_assert_true (g_uuid_string_is_valid (tandem_document_get_draft_id (doc)));
  g_assert_cmpstr (tandem_document_get_draft_id (doc), !=, tandem_document_get_draft_id (other));

  /* Nothing to load or save to yet. */
  error = tandem_test_load_document (doc);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED);
  g_clear_error (&error);
  error = tandem_test_save_document (doc, NULL);
  g_assert_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED);
  g_clear_error (&error);

  g_signal_connect (doc, "notify::title", G_CALLBACK (notify_count_cb), &title_notifies);
  g_signal_connect (doc, "notify::file", G_CALLBACK (notify_count_cb), &file_notifies);

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (doc), "print ('hi')", -1);
  error = tandem_test_save_document (doc, target);
  g_assert_no_error (error);

  g_assert_true (g_file_equal (tandem_document_get_file (doc), target));
  new_title = tandem_document_dup_title (doc);
  g_assert_cmpstr (new_title, ==, "renamed.py");
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpuint (file_notifies, ==, 1);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (doc)));
  /* New documents end with a newline on disk. */
  assert_file_bytes (target, "print ('hi')\n", strlen ("print ('hi')\n"));
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (doc));
  g_assert_nonnull (language);
  g_assert_true (g_str_has_prefix (gtk_source_language_get_id (language), "python"));

  /* And it is watched from now on. */
  tandem_test_spin (20);
  write_behind_our_back (target, "print ('changed')\n");
  g_assert_true (tandem_test_wait_until (get_externally_modified, doc, 5000));
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/document/utf8-round-trip", test_utf8_round_trip);
  g_test_add_func ("/document/crlf-kept", test_crlf_kept);
  g_test_add_func ("/document/no-trailing-newline", test_no_trailing_newline);
  g_test_add_func ("/document/latin1", test_latin1);
  g_test_add_func ("/document/latin1-deep-in-file", test_latin1_deep_in_file);
  g_test_add_func ("/document/undecodable", test_undecodable);
  g_test_add_func ("/document/utf16-bom", test_utf16_bom);
  g_test_add_func ("/document/binary", test_binary);
  g_test_add_func ("/document/not-regular", test_not_regular);
  g_test_add_func ("/document/missing-and-too-large", test_missing_and_too_large);
  g_test_add_func ("/document/save-keeps-permissions", test_save_keeps_permissions);
  g_test_add_func ("/document/failed-save-keeps-original", test_failed_save_keeps_original);
  g_test_add_func ("/document/external-changes", test_external_changes);
  g_test_add_func ("/document/large-file", test_large_file);
  g_test_add_func ("/document/language", test_language);
  g_test_add_func ("/document/untitled-and-save-as", test_untitled_and_save_as);

  return g_test_run ();
}
