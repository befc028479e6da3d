/* tandem-document.c
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

#define G_LOG_DOMAIN "tandem-document"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tandem-document.h"
#include "tandem-draft-store.h"

/* How much of a file is sniffed for binary content. */
#define SNIFF_SIZE (64 * 1024)
/* How many bytes the encoding check reads at a time. */
#define CHECK_CHUNK_SIZE (256 * 1024)
/* Coalesces the bursts of events a single write produces. */
#define CHECK_DELAY_MS 50

#define QUERY_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                         G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                         G_FILE_ATTRIBUTE_ETAG_VALUE

struct _TandemDocument
{
  GtkSourceBuffer  parent_instance;

  GtkSourceFile   *source_file;
  GFile           *project_root;
  GFileMonitor    *monitor;
  GCancellable    *cancellable;
  GCancellable    *check_cancellable;
  char            *draft_id;
  char            *etag;
  char            *disk_etag;
  char            *untitled_title;
  const GtkSourceEncoding *encoding;

  double           progress;
  guint            draft_delay;
  guint            draft_source;
  guint            check_source;

  guint            loading : 1;
  guint            saving : 1;
  guint            externally_modified : 1;
  guint            deleted : 1;
  guint            is_large : 1;
  guint            restoring : 1;
  guint            draft_on_disk : 1;
  guint            draft_writing : 1;
  guint            draft_write_again : 1;
  guint            draft_delete_after_write : 1;
};

typedef struct
{
  GFile                   *file;
  GFileInputStream        *stream;
  GPtrArray               *candidates;
  char                    *content_type;
  char                    *etag;
  guint64                  size;
  const GtkSourceEncoding *encoding;
} Load;

typedef struct
{
  GFile *location;
  guint  location_changed : 1;
} Save;

typedef struct
{
  char     *draft_id;
  GVariant *state;
} WriteDraft;

enum {
  PROP_0,
  PROP_DELETED,
  PROP_DRAFT_ID,
  PROP_EXTERNALLY_MODIFIED,
  PROP_FILE,
  PROP_IS_LARGE,
  PROP_LOADING,
  PROP_PROGRESS,
  PROP_PROJECT_ROOT,
  PROP_TITLE,
  N_PROPS
};

enum {
  SAVED,
  DRAFT_SAVED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemDocument, tandem_document, GTK_SOURCE_TYPE_BUFFER)

G_DEFINE_QUARK (tandem-editor-error-quark, tandem_editor_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint last_untitled;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->file);
  g_clear_object (&load->stream);
  g_clear_pointer (&load->candidates, g_ptr_array_unref);
  g_clear_pointer (&load->content_type, g_free);
  g_clear_pointer (&load->etag, g_free);
  g_free (load);
}

static void
save_free (gpointer data)
{
  Save *save = data;

  g_clear_object (&save->location);
  g_free (save);
}

static void
write_draft_free (gpointer data)
{
  WriteDraft *write = data;

  g_clear_pointer (&write->draft_id, g_free);
  g_clear_pointer (&write->state, g_variant_unref);
  g_free (write);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  g_assert (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

static void
set_flag (TandemDocument *self,
          guint           prop_id,
          gboolean        value)
{
  gboolean old;

  g_assert (TANDEM_IS_DOCUMENT (self));

  value = !!value;

  switch (prop_id)
    {
    case PROP_DELETED:
      old = self->deleted;
      self->deleted = value;
      break;

    case PROP_EXTERNALLY_MODIFIED:
      old = self->externally_modified;
      self->externally_modified = value;
      break;

    case PROP_IS_LARGE:
      old = self->is_large;
      self->is_large = value;
      break;

    case PROP_LOADING:
      old = self->loading;
      self->loading = value;
      break;

    default:
      g_assert_not_reached ();
    }

  if (old != value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_progress (TandemDocument *self,
              double          progress)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  progress = CLAMP (progress, 0.0, 1.0);

  if (progress != self->progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static void
set_etag (TandemDocument *self,
          const char     *etag)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  if (g_strcmp0 (self->etag, etag) != 0)
    {
      g_free (self->etag);
      self->etag = g_strdup (etag);
    }

  g_free (self->disk_etag);
  self->disk_etag = g_strdup (etag);
}

/* Drafts ---------------------------------------------------------------- */

static void tandem_document_write_draft (TandemDocument *self);

static void
tandem_document_drop_draft (TandemDocument *self)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_write_again = FALSE;

  /* A write still running in its thread would bring the file back: remove it
   * again when the write completes. */
  if (self->draft_writing)
    self->draft_delete_after_write = TRUE;

  if (self->draft_on_disk)
    {
      tandem_draft_store_delete (self->draft_id);
      self->draft_on_disk = FALSE;
    }
}

static GVariant *
tandem_document_dup_draft_state (TandemDocument *self)
{
  g_autofree char *uri = NULL;
  g_autofree char *project = NULL;
  g_autofree char *title = NULL;
  GtkTextIter begin, end;
  GFile *file;

  g_assert (TANDEM_IS_DOCUMENT (self));

  if ((file = tandem_document_get_file (self)))
    uri = g_file_get_uri (file);

  if (self->project_root != NULL && !(project = g_file_get_path (self->project_root)))
    project = g_file_get_uri (self->project_root);

  title = tandem_document_dup_title (self);

  /* Copying the text is the only part done on the main thread. */
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &begin, &end);

  return tandem_draft_store_new_state_take (uri, project, title,
                                            gtk_text_iter_get_slice (&begin, &end));
}

static void
tandem_document_write_draft_thread (GTask        *task,
                                    gpointer      source_object,
                                    gpointer      task_data,
                                    GCancellable *cancellable)
{
  WriteDraft *write = task_data;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (write != NULL);

  if (!tandem_draft_store_write (write->draft_id, write->state, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
tandem_document_write_draft_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  TandemDocument *self = (TandemDocument *)object;
  g_autoptr(GError) error = NULL;
  WriteDraft *write;
  gboolean still_wanted;

  g_assert (TANDEM_IS_DOCUMENT (self));
  g_assert (G_IS_TASK (result));

  write = g_task_get_task_data (G_TASK (result));
  self->draft_writing = FALSE;

  still_wanted = !self->draft_delete_after_write &&
                 g_strcmp0 (write->draft_id, self->draft_id) == 0 &&
                 gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self));
  self->draft_delete_after_write = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not keep a draft of “%s”: %s",
                 self->untitled_title ? self->untitled_title : write->draft_id,
                 error->message);
    }
  else if (!still_wanted)
    {
      tandem_draft_store_delete (write->draft_id);
    }
  else
    {
      self->draft_on_disk = TRUE;
      g_signal_emit (self, signals[DRAFT_SAVED], 0);
    }

  if (self->draft_write_again)
    {
      self->draft_write_again = FALSE;
      tandem_document_write_draft (self);
    }
}

static void
tandem_document_write_draft (TandemDocument *self)
{
  g_autoptr(GTask) task = NULL;
  WriteDraft *write;

  g_assert (TANDEM_IS_DOCUMENT (self));

  if (self->draft_writing)
    {
      self->draft_write_again = TRUE;
      return;
    }

  if (self->loading || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self)))
    return;

  write = g_new0 (WriteDraft, 1);
  write->draft_id = g_strdup (self->draft_id);
  write->state = g_variant_ref_sink (tandem_document_dup_draft_state (self));

  self->draft_writing = TRUE;
  self->draft_delete_after_write = FALSE;

  task = g_task_new (self, self->cancellable, tandem_document_write_draft_cb, NULL);
  g_task_set_source_tag (task, tandem_document_write_draft);
  g_task_set_task_data (task, write, write_draft_free);
  g_task_run_in_thread (task, tandem_document_write_draft_thread);
}

static gboolean
tandem_document_draft_timeout_cb (gpointer data)
{
  TandemDocument *self = data;

  g_assert (TANDEM_IS_DOCUMENT (self));

  self->draft_source = 0;
  tandem_document_write_draft (self);

  return G_SOURCE_REMOVE;
}

static void
tandem_document_queue_draft (TandemDocument *self)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (self->draft_delay, tandem_document_draft_timeout_cb, self);
}

/* External changes ------------------------------------------------------ */

static void
tandem_document_check_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GFile *file = (GFile *)object;
  g_autoptr(TandemDocument) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *etag;

  g_assert (G_IS_FILE (file));
  g_assert (TANDEM_IS_DOCUMENT (self));

  info = g_file_query_info_finish (file, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->saving || self->loading ||
      tandem_document_get_file (self) == NULL ||
      !g_file_equal (file, tandem_document_get_file (self)))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      set_flag (self, PROP_DELETED, TRUE);
      return;
    }

  if (error != NULL)
    {
      g_debug ("Could not check %s: %s", g_file_peek_path (file), error->message);
      return;
    }

  set_flag (self, PROP_DELETED, FALSE);

  etag = g_file_info_get_etag (info);
  g_free (self->disk_etag);
  self->disk_etag = g_strdup (etag);

  if (g_strcmp0 (etag, self->etag) != 0)
    set_flag (self, PROP_EXTERNALLY_MODIFIED, TRUE);
}

static gboolean
tandem_document_check_timeout_cb (gpointer data)
{
  TandemDocument *self = data;
  GFile *file;

  g_assert (TANDEM_IS_DOCUMENT (self));

  self->check_source = 0;

  if (self->saving || self->loading || !(file = tandem_document_get_file (self)))
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_ETAG_VALUE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           self->check_cancellable,
                           tandem_document_check_cb,
                           g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
tandem_document_cancel_check (TandemDocument *self)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

static void
tandem_document_monitor_changed_cb (TandemDocument    *self,
                                    GFile             *file,
                                    GFile             *other_file,
                                    GFileMonitorEvent  event,
                                    GFileMonitor      *monitor)
{
  g_assert (TANDEM_IS_DOCUMENT (self));
  g_assert (G_IS_FILE_MONITOR (monitor));

  /* Our own save produces events too; the ETag taken after it tells them apart. */
  if (self->saving || self->loading)
    return;

  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, tandem_document_check_timeout_cb, self);
}

static void
tandem_document_stop_monitor (TandemDocument *self)
{
  g_assert (TANDEM_IS_DOCUMENT (self));

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor,
                                            G_CALLBACK (tandem_document_monitor_changed_cb),
                                            self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
}

static void
tandem_document_start_monitor (TandemDocument *self)
{
  g_autoptr(GError) error = NULL;
  GFile *file;

  g_assert (TANDEM_IS_DOCUMENT (self));

  tandem_document_stop_monitor (self);

  if (!(file = tandem_document_get_file (self)))
    return;

  if (!(self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error)))
    {
      g_debug ("Cannot watch %s for changes: %s", g_file_peek_path (file), error->message);
      return;
    }

  g_signal_connect_object (self->monitor,
                           "changed",
                           G_CALLBACK (tandem_document_monitor_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

/* Loading --------------------------------------------------------------- */

/* Checks that a whole file decodes in one encoding, a chunk at a time. */
typedef struct
{
  GIConv iconv;
  char   carry[16];
  gsize  n_carry;
  char  *out;
  guint  is_utf8 : 1;
} Checker;

static void
checker_init (Checker                 *checker,
              const GtkSourceEncoding *encoding)
{
  memset (checker, 0, sizeof *checker);

  if (encoding == gtk_source_encoding_get_utf8 ())
    {
      checker->is_utf8 = TRUE;
      checker->iconv = (GIConv)-1;
    }
  else
    {
      checker->iconv = g_iconv_open ("UTF-8", gtk_source_encoding_get_charset (encoding));
      checker->out = g_malloc (CHECK_CHUNK_SIZE);
    }
}

static void
checker_clear (Checker *checker)
{
  if (checker->iconv != (GIConv)-1)
    g_iconv_close (checker->iconv);
  checker->iconv = (GIConv)-1;
  g_clear_pointer (&checker->out, g_free);
}

static gboolean
checker_feed_utf8 (Checker    *checker,
                   const char *data,
                   gsize       len)
{
  const char *end;
  gsize rest;

  if (g_utf8_validate (data, len, &end))
    {
      checker->n_carry = 0;
      return TRUE;
    }

  /* A character cut by the end of the chunk is kept for the next one. */
  rest = len - (end - data);
  if (rest < 4 && g_utf8_get_char_validated (end, rest) == (gunichar)-2)
    {
      memcpy (checker->carry, end, rest);
      checker->n_carry = rest;
      return TRUE;
    }

  return FALSE;
}

static gboolean
checker_feed_iconv (Checker    *checker,
                    const char *data,
                    gsize       len)
{
  char *inbuf = (char *)data;
  gsize inleft = len;

  if (checker->iconv == (GIConv)-1)
    return FALSE;

  checker->n_carry = 0;

  while (inleft > 0)
    {
      char *outbuf = checker->out;
      gsize outleft = CHECK_CHUNK_SIZE;
      gsize res = g_iconv (checker->iconv, &inbuf, &inleft, &outbuf, &outleft);
      int errsv = errno;

      /* U+0000 cannot be put in a text buffer: such a file is not text. */
      if (memchr (checker->out, 0, CHECK_CHUNK_SIZE - outleft) != NULL)
        return FALSE;

      if (res != (gsize)-1)
        break;

      if (errsv == E2BIG)
        continue;

      if (errsv == EINVAL && inleft < sizeof checker->carry)
        {
          memcpy (checker->carry, inbuf, inleft);
          checker->n_carry = inleft;
          break;
        }

      return FALSE;
    }

  return TRUE;
}

static gboolean
checker_feed (Checker    *checker,
              const char *data,
              gsize       len)
{
  g_autofree char *joined = NULL;

  if (checker->n_carry > 0)
    {
      joined = g_malloc (checker->n_carry + len);
      memcpy (joined, checker->carry, checker->n_carry);
      memcpy (joined + checker->n_carry, data, len);
      len += checker->n_carry;
      data = joined;
      checker->n_carry = 0;
    }

  if (checker->is_utf8)
    return checker_feed_utf8 (checker, data, len);
  else
    return checker_feed_iconv (checker, data, len);
}

static gboolean
has_utf16_bom (const guchar *data,
               gsize         len)
{
  return len >= 2 &&
         ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF));
}

static gboolean
looks_binary (const char   *name,
              const guchar *data,
              gsize         len,
              char        **content_type)
{
  g_autofree char *by_data = NULL;
  const char *end;

  g_assert (content_type != NULL);

  *content_type = g_content_type_guess (name, data, len, NULL);

  /* An empty file is an empty text file. */
  if (len == 0)
    return FALSE;

  if (!has_utf16_bom (data, len) && memchr (data, 0, len) != NULL)
    return TRUE;

  if (g_content_type_is_a (*content_type, "text/plain"))
    return FALSE;

  /* The name can mislead (“notes.png” holding text): trust the bytes. */
  by_data = g_content_type_guess (NULL, data, len, NULL);
  if (g_content_type_is_a (by_data, "text/plain"))
    return FALSE;

  if (g_utf8_validate ((const char *)data, len, &end))
    return FALSE;

  return !(len == SNIFF_SIZE &&
           len - (end - (const char *)data) < 4 &&
           g_utf8_get_char_validated (end, len - (end - (const char *)data)) == (gunichar)-2);
}

/* Returns TRUE when the whole of @file decodes as @encoding. */
static gboolean
file_decodes_as (GFile                    *file,
                 const GtkSourceEncoding  *encoding,
                 char                     *chunk,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  Checker checker;
  gboolean ok = TRUE;

  if (!(stream = g_file_read (file, cancellable, error)))
    return FALSE;

  checker_init (&checker, encoding);

  for (;;)
    {
      gssize n_read = g_input_stream_read (G_INPUT_STREAM (stream), chunk, CHECK_CHUNK_SIZE,
                                           cancellable, error);

      if (n_read < 0)
        {
          checker_clear (&checker);
          return FALSE;
        }

      if (n_read == 0)
        break;

      if (!(ok = checker_feed (&checker, chunk, n_read)))
        break;
    }

  /* A sequence cut by the end of the file does not decode. */
  if (ok && checker.n_carry > 0)
    ok = FALSE;

  checker_clear (&checker);

  return ok;
}

static void
tandem_document_load_query_thread (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *chunk = NULL;
  g_autofree char *size_str = NULL;
  g_autofree char *limit_str = NULL;
  GError *error = NULL;
  gsize n_sniffed = 0;

  g_assert (G_IS_TASK (task));
  g_assert (load != NULL);

  name = dup_display_name (load->file);
  basename = g_file_get_basename (load->file);

  if (!(info = g_file_query_info (load->file, QUERY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                  cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_NOT_REGULAR,
                               _("“%s” is a folder, not a file"), name);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_NOT_REGULAR,
                               _("“%s” is not a regular file and cannot be opened as text"),
                               name);
      return;
    }

  load->size = g_file_info_get_size (info);
  load->etag = g_strdup (g_file_info_get_etag (info));

  if (load->size > TANDEM_DOCUMENT_MAX_FILE_SIZE)
    {
      size_str = g_format_size (load->size);
      limit_str = g_format_size (TANDEM_DOCUMENT_MAX_FILE_SIZE);
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_TOO_LARGE,
                               _("“%s” is too large to open (%s). Files up to %s can be opened."),
                               name, size_str, limit_str);
      return;
    }

  chunk = g_malloc (CHECK_CHUNK_SIZE);

  if (!(stream = g_file_read (load->file, cancellable, &error)) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), chunk, SNIFF_SIZE, &n_sniffed,
                                cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_object (&stream);

  if (looks_binary (basename, (const guchar *)chunk, n_sniffed, &load->content_type))
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_BINARY,
                               _("“%s” looks like a binary file and cannot be opened as text"),
                               name);
      return;
    }

  /* The candidates are tried in order on the whole file, so a stray Latin-1
   * byte deep inside a large file is found here, not as a replacement character
   * in the buffer. Usually the first candidate, UTF-8, is the only pass. */
  if (has_utf16_bom ((const guchar *)chunk, n_sniffed))
    g_ptr_array_insert (load->candidates, 0,
                        (gpointer)gtk_source_encoding_get_from_charset ("UTF-16"));

  for (guint i = 0; i < load->candidates->len; i++)
    {
      const GtkSourceEncoding *encoding = g_ptr_array_index (load->candidates, i);

      if (encoding == NULL)
        continue;

      if (file_decodes_as (load->file, encoding, chunk, cancellable, &error))
        {
          load->encoding = encoding;
          break;
        }

      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (load->encoding == NULL)
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_ENCODING,
                               _("The character encoding of “%s” could not be detected, "
                                 "so it cannot be opened as text"),
                               name);
      return;
    }

  /* Opened here so that the main thread does not wait on the disk. */
  if (load->encoding != gtk_source_encoding_get_utf8 () &&
      !(load->stream = g_file_read (load->file, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static GPtrArray *
dup_candidate_encodings (void)
{
  GPtrArray *candidates = g_ptr_array_new ();
  const GtkSourceEncoding *utf8 = gtk_source_encoding_get_utf8 ();
  const GtkSourceEncoding *current = gtk_source_encoding_get_current ();
  GSList *defaults = gtk_source_encoding_get_default_candidates ();

  g_ptr_array_add (candidates, (gpointer)utf8);

  /* ASCII is a subset of UTF-8 and adds nothing. */
  if (current != NULL && g_ascii_strcasecmp (gtk_source_encoding_get_charset (current),
                                             "ANSI_X3.4-1968") != 0)
    g_ptr_array_add (candidates, (gpointer)current);

  for (const GSList *l = defaults; l != NULL; l = l->next)
    {
      if (!g_ptr_array_find (candidates, l->data, NULL))
        g_ptr_array_add (candidates, l->data);
    }

  g_slist_free (defaults);

  return candidates;
}

static void
tandem_document_load_fail (TandemDocument *self,
                           GTask          *task,
                           GError         *error)
{
  g_assert (TANDEM_IS_DOCUMENT (self));
  g_assert (G_IS_TASK (task));
  g_assert (error != NULL);

  set_progress (self, 0.0);
  set_flag (self, PROP_LOADING, FALSE);
  g_task_return_error (task, error);
}

/* GtkSourceFileLoader drops one trailing newline when the buffer has an implicit
 * trailing newline, and the saver adds one back. A file without a trailing newline
 * would then gain one on save, so the load keeps every byte and the newline, if
 * there is one, is removed here. */
static gboolean
tandem_document_strip_trailing_newline (TandemDocument *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter begin, end;

  g_assert (TANDEM_IS_DOCUMENT (self));

  gtk_text_buffer_get_end_iter (buffer, &end);
  begin = end;
  gtk_text_iter_set_line_offset (&begin, 0);

  if (!gtk_text_iter_is_end (&begin) || !gtk_text_iter_backward_line (&begin))
    return FALSE;

  if (!gtk_text_iter_ends_line (&begin))
    gtk_text_iter_forward_to_line_end (&begin);

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_end_irreversible_action (buffer);

  return TRUE;
}

static void
tandem_document_update_language (TandemDocument *self,
                                 const char     *content_type)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  g_autofree char *basename = NULL;
  GtkSourceLanguage *language;
  GFile *file;

  g_assert (TANDEM_IS_DOCUMENT (self));

  if (!(file = tandem_document_get_file (self)))
    return;

  basename = g_file_get_basename (file);
  language = gtk_source_language_manager_guess_language (manager, basename, content_type);

  if (language != NULL || content_type != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self), language);
}

static void
tandem_document_load_progress_cb (goffset  current_num_bytes,
                                  goffset  total_num_bytes,
                                  gpointer user_data)
{
  TandemDocument *self = user_data;

  g_assert (TANDEM_IS_DOCUMENT (self));

  if (total_num_bytes > 0)
    set_progress (self, (double)current_num_bytes / (double)total_num_bytes);
}

static void
tandem_document_load_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GtkSourceFileLoader *loader = (GtkSourceFileLoader *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  TandemDocument *self;
  GtkTextBuffer *buffer;
  GtkTextIter begin;
  Load *load;
  gboolean had_newline;

  g_assert (GTK_SOURCE_IS_FILE_LOADER (loader));
  g_assert (G_IS_TASK (task));

  self = g_task_get_source_object (task);
  load = g_task_get_task_data (task);
  buffer = GTK_TEXT_BUFFER (self);

  if (!gtk_source_file_loader_load_finish (loader, result, &error))
    {
      /* The file changed between the check and the read. Never leave a partial
       * or mangled text that a save would write back over the file. */
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_text_buffer_set_modified (buffer, FALSE);
      gtk_text_buffer_end_irreversible_action (buffer);

      if (g_error_matches (error, GTK_SOURCE_FILE_LOADER_ERROR,
                           GTK_SOURCE_FILE_LOADER_ERROR_CONVERSION_FALLBACK) ||
          g_error_matches (error, GTK_SOURCE_FILE_LOADER_ERROR,
                           GTK_SOURCE_FILE_LOADER_ERROR_ENCODING_AUTO_DETECTION_FAILED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
          error->domain == G_CONVERT_ERROR)
        {
          g_autofree char *name = dup_display_name (load->file);

          tandem_document_load_fail (self, task,
                                     g_error_new (TANDEM_EDITOR_ERROR,
                                                  TANDEM_EDITOR_ERROR_ENCODING,
                                                  _("The character encoding of “%s” could not "
                                                    "be detected, so it cannot be opened as text"),
                                                  name));
        }
      else
        tandem_document_load_fail (self, task, g_steal_pointer (&error));

      return;
    }

  /* A loader reading from a stream forgets the location. */
  if (tandem_document_get_file (self) == NULL)
    gtk_source_file_set_location (self->source_file, load->file);

  had_newline = tandem_document_strip_trailing_newline (self);
  gtk_source_buffer_set_implicit_trailing_newline (GTK_SOURCE_BUFFER (self),
                                                   had_newline ||
                                                   gtk_text_buffer_get_char_count (buffer) == 0);

  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_place_cursor (buffer, &begin);
  gtk_text_buffer_set_modified (buffer, FALSE);

  self->encoding = load->encoding;

  tandem_document_update_language (self, load->content_type);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (self), !self->is_large);

  set_etag (self, load->etag);
  set_flag (self, PROP_EXTERNALLY_MODIFIED, FALSE);
  set_flag (self, PROP_DELETED, FALSE);
  tandem_document_start_monitor (self);

  set_progress (self, 1.0);
  set_flag (self, PROP_LOADING, FALSE);

  /* A reload throws the local edits away, and their draft with them. */
  tandem_document_drop_draft (self);

  g_task_return_boolean (task, TRUE);
}

static void
tandem_document_load_query_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  TandemDocument *self = (TandemDocument *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GtkSourceFileLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  GSList candidates = { NULL, NULL };
  GCancellable *cancellable;
  Load *load;

  g_assert (TANDEM_IS_DOCUMENT (self));
  g_assert (G_IS_TASK (result));
  g_assert (G_IS_TASK (task));

  load = g_task_get_task_data (task);
  cancellable = g_task_get_cancellable (task);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      tandem_document_load_fail (self, task, g_steal_pointer (&error));
      return;
    }

  set_flag (self, PROP_IS_LARGE, load->size >= TANDEM_DOCUMENT_LARGE_FILE_SIZE);

  /* Highlighting stays off while the text streams in. */
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (self), FALSE);
  gtk_source_buffer_set_implicit_trailing_newline (GTK_SOURCE_BUFFER (self), FALSE);

  /* The encoding was settled on the worker thread. The loader gets UTF-8:
   * other encodings are converted by a GConverterInputStream in front of it,
   * because GtkSourceView 5.6 leaks every chunk it converts itself. */
  candidates.data = (gpointer)gtk_source_encoding_get_utf8 ();

  if (load->stream != NULL)
    {
      g_autoptr(GCharsetConverter) converter = NULL;
      g_autoptr(GInputStream) converted = NULL;

      if (!(converter = g_charset_converter_new ("UTF-8",
                                                 gtk_source_encoding_get_charset (load->encoding),
                                                 &error)))
        {
          tandem_document_load_fail (self, task, g_steal_pointer (&error));
          return;
        }

      converted = g_converter_input_stream_new (G_INPUT_STREAM (load->stream),
                                                G_CONVERTER (converter));
      loader = gtk_source_file_loader_new_from_stream (GTK_SOURCE_BUFFER (self),
                                                       self->source_file,
                                                       converted);
    }
  else
    loader = gtk_source_file_loader_new (GTK_SOURCE_BUFFER (self), self->source_file);

  gtk_source_file_loader_set_candidate_encodings (loader, &candidates);
  /* Not G_PRIORITY_LOW: on a slow renderer (llvmpipe, old GPUs) the loading spinner keeps
   * the frame clock busy and low-priority reads would never run. Each step only inserts a
   * small chunk, so frames still get drawn between them. */
  gtk_source_file_loader_load_async (loader,
                                     G_PRIORITY_DEFAULT,
                                     cancellable,
                                     tandem_document_load_progress_cb,
                                     self,
                                     NULL,
                                     tandem_document_load_cb,
                                     g_steal_pointer (&task));
}

/**
 * tandem_document_load_async:
 * @self: a #TandemDocument
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the load completes
 * @user_data: data for @callback
 *
 * Loads the document's file, replacing the buffer contents (and so discarding
 * local edits when called again: that is a reload). The file is first checked on a
 * worker thread: folders, binary files, files over %TANDEM_DOCUMENT_MAX_FILE_SIZE
 * and files whose encoding cannot be detected fail with a #TandemEditorError and
 * leave the buffer untouched.
 */
void
tandem_document_load_async (TandemDocument      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) query = NULL;
  Load *load;
  GFile *file;

  g_return_if_fail (TANDEM_IS_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_document_load_async);

  if (!(file = tandem_document_get_file (self)))
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED,
                               _("This document has not been saved to a file yet"));
      return;
    }

  if (self->loading || self->saving)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The document is busy being loaded or saved"));
      return;
    }

  load = g_new0 (Load, 1);
  load->file = g_object_ref (file);
  load->candidates = dup_candidate_encodings ();
  g_task_set_task_data (task, load, load_free);

  tandem_document_cancel_check (self);
  set_progress (self, 0.0);
  set_flag (self, PROP_LOADING, TRUE);

  query = g_task_new (self, cancellable, tandem_document_load_query_cb, g_steal_pointer (&task));
  g_task_set_source_tag (query, tandem_document_load_query_thread);
  g_task_set_task_data (query, load, NULL);
  g_task_run_in_thread (query, tandem_document_load_query_thread);
}

/**
 * tandem_document_load_finish:
 * @self: a #TandemDocument
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the file was loaded
 */
gboolean
tandem_document_load_finish (TandemDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving ---------------------------------------------------------------- */

static void
tandem_document_save_query_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  GFile *file = (GFile *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  TandemDocument *self;
  Save *save;

  g_assert (G_IS_FILE (file));
  g_assert (G_IS_TASK (task));

  self = g_task_get_source_object (task);
  save = g_task_get_task_data (task);

  /* Without an ETag any later event would look like an external change; a
   * failed query only costs that, the file itself is saved. */
  if ((info = g_file_query_info_finish (file, result, &error)))
    set_etag (self, g_file_info_get_etag (info));
  else
    g_debug ("Could not read back the ETag of %s: %s", g_file_peek_path (file), error->message);

  self->saving = FALSE;
  set_flag (self, PROP_EXTERNALLY_MODIFIED, FALSE);
  set_flag (self, PROP_DELETED, FALSE);

  if (save->location_changed || self->monitor == NULL)
    tandem_document_start_monitor (self);

  if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self)))
    tandem_document_drop_draft (self);

  g_signal_emit (self, signals[SAVED], 0);

  g_task_return_boolean (task, TRUE);
}

static void
tandem_document_save_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GtkSourceFileSaver *saver = (GtkSourceFileSaver *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  TandemDocument *self;
  GCancellable *cancellable;
  Save *save;

  g_assert (GTK_SOURCE_IS_FILE_SAVER (saver));
  g_assert (G_IS_TASK (task));

  self = g_task_get_source_object (task);
  save = g_task_get_task_data (task);
  cancellable = g_task_get_cancellable (task);

  if (!gtk_source_file_saver_save_finish (saver, result, &error))
    {
      self->saving = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (save->location_changed)
    {
      g_autofree char *content_type = NULL;
      g_autofree char *basename = g_file_get_basename (save->location);

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

      content_type = g_content_type_guess (basename, NULL, 0, NULL);
      tandem_document_update_language (self, content_type);
    }

  g_file_query_info_async (save->location,
                           G_FILE_ATTRIBUTE_ETAG_VALUE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           tandem_document_save_query_cb,
                           g_steal_pointer (&task));
}

/**
 * tandem_document_save_async:
 * @self: a #TandemDocument
 * @save_as: (nullable): where to save, or %NULL for the current file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the save completes
 * @user_data: data for @callback
 *
 * Saves the buffer in the encoding and newline type it was loaded with. Local
 * files are replaced atomically and keep their permissions. When it succeeds the
 * buffer is unmodified, the external-change flags are cleared and the draft is
 * removed; with @save_as the document now refers to that file.
 */
void
tandem_document_save_async (TandemDocument      *self,
                            GFile               *save_as,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GtkSourceFileSaver) saver = NULL;
  g_autoptr(GTask) task = NULL;
  GFile *file;
  Save *save;

  g_return_if_fail (TANDEM_IS_DOCUMENT (self));
  g_return_if_fail (!save_as || G_IS_FILE (save_as));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_document_save_async);

  file = tandem_document_get_file (self);

  if (save_as == NULL && file == NULL)
    {
      g_task_return_new_error (task, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED,
                               _("Choose where to save this document first"));
      return;
    }

  if (self->loading || self->saving)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The document is busy being loaded or saved"));
      return;
    }

  save = g_new0 (Save, 1);
  save->location = g_object_ref (save_as ? save_as : file);
  save->location_changed = file == NULL || (save_as != NULL && !g_file_equal (save_as, file));
  g_task_set_task_data (task, save, save_free);

  /* Events caused by our own write are ignored until the new ETag is known. */
  self->saving = TRUE;
  tandem_document_cancel_check (self);

  if (save_as != NULL)
    saver = gtk_source_file_saver_new_with_target (GTK_SOURCE_BUFFER (self),
                                                   self->source_file,
                                                   save_as);
  else
    saver = gtk_source_file_saver_new (GTK_SOURCE_BUFFER (self), self->source_file);

  gtk_source_file_saver_set_encoding (saver, tandem_document_get_encoding (self));
  gtk_source_file_saver_set_newline_type (saver, tandem_document_get_newline_type (self));
  gtk_source_file_saver_set_flags (saver,
                                   GTK_SOURCE_FILE_SAVER_FLAGS_IGNORE_INVALID_CHARS |
                                   GTK_SOURCE_FILE_SAVER_FLAGS_IGNORE_MODIFICATION_TIME);

  gtk_source_file_saver_save_async (saver,
                                    G_PRIORITY_DEFAULT,
                                    cancellable,
                                    NULL, NULL, NULL,
                                    tandem_document_save_cb,
                                    g_steal_pointer (&task));
}

/**
 * tandem_document_save_finish:
 * @self: a #TandemDocument
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the document was saved
 */
gboolean
tandem_document_save_finish (TandemDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Public API ------------------------------------------------------------ */

/**
 * tandem_document_keep_mine:
 * @self: a #TandemDocument
 *
 * Keeps the buffer as it is after the file changed on disk: clears
 * #TandemDocument:externally-modified until the file changes again. The next save
 * overwrites the file.
 */
void
tandem_document_keep_mine (TandemDocument *self)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT (self));

  /* Adopt what is on disk now, so that late events of the same change do not
   * raise the flag again. */
  if (self->disk_etag != NULL)
    {
      g_free (self->etag);
      self->etag = g_strdup (self->disk_etag);
    }

  set_flag (self, PROP_EXTERNALLY_MODIFIED, FALSE);
}

/**
 * tandem_document_restore_draft:
 * @self: a #TandemDocument
 * @draft_id: the id of a draft
 * @error: a location for a #GError
 *
 * Replaces the buffer contents with the text kept in a draft (call it after the
 * file, if any, was loaded). The document then uses @draft_id for its drafts and
 * is modified: the restored text is not saved yet.
 *
 * Returns: %TRUE if the draft was restored
 */
gboolean
tandem_document_restore_draft (TandemDocument  *self,
                               const char      *draft_id,
                               GError         **error)
{
  GtkTextBuffer *buffer = (GtkTextBuffer *)self;
  g_autoptr(GVariant) state = NULL;
  const char *text = NULL;
  GtkTextIter begin;

  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (draft_id != NULL, FALSE);

  if (self->loading)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("The document is busy being loaded"));
      return FALSE;
    }

  if (!(state = tandem_draft_store_read (draft_id, error)))
    return FALSE;

  g_variant_lookup (state, "text", "&s", &text);

  if (g_strcmp0 (draft_id, self->draft_id) != 0)
    {
      /* Our own draft, if any, is superseded by the restored one. */
      tandem_document_drop_draft (self);
      g_free (self->draft_id);
      self->draft_id = g_strdup (draft_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ID]);
    }

  self->restoring = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_set_modified (buffer, TRUE);
  self->restoring = FALSE;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_on_disk = TRUE;

  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_place_cursor (buffer, &begin);

  return TRUE;
}

/**
 * tandem_document_discard_draft:
 * @self: a #TandemDocument
 *
 * Removes the document's draft, for instance when its tab is closed with
 * “Discard”. Further edits write a new draft.
 */
void
tandem_document_discard_draft (TandemDocument *self)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT (self));

  tandem_document_drop_draft (self);
}

/**
 * tandem_document_set_draft_delay:
 * @self: a #TandemDocument
 * @delay_ms: milliseconds between the last edit and the draft write
 */
void
tandem_document_set_draft_delay (TandemDocument *self,
                                 guint           delay_ms)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT (self));

  self->draft_delay = delay_ms;

  if (self->draft_source != 0)
    tandem_document_queue_draft (self);
}

/**
 * tandem_document_get_draft_delay:
 * @self: a #TandemDocument
 *
 * Returns: the draft debounce delay in milliseconds
 */
guint
tandem_document_get_draft_delay (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), 0);

  return self->draft_delay;
}

/**
 * tandem_document_new:
 * @file: (nullable): the file, or %NULL for an untitled document
 * @project_root: (nullable): the project the document belongs to
 *
 * Creates a document. Nothing is read until tandem_document_load_async().
 *
 * Returns: (transfer full): a new #TandemDocument
 */
TandemDocument *
tandem_document_new (GFile *file,
                     GFile *project_root)
{
  g_return_val_if_fail (!file || G_IS_FILE (file), NULL);
  g_return_val_if_fail (!project_root || G_IS_FILE (project_root), NULL);

  return g_object_new (TANDEM_TYPE_DOCUMENT,
                       "file", file,
                       "project-root", project_root,
                       NULL);
}

/**
 * tandem_document_get_file:
 * @self: a #TandemDocument
 *
 * Returns: (transfer none) (nullable): the file, %NULL while untitled
 */
GFile *
tandem_document_get_file (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), NULL);

  return gtk_source_file_get_location (self->source_file);
}

/**
 * tandem_document_get_project_root:
 * @self: a #TandemDocument
 *
 * Returns: (transfer none) (nullable): the project root
 */
GFile *
tandem_document_get_project_root (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), NULL);

  return self->project_root;
}

/**
 * tandem_document_dup_title:
 * @self: a #TandemDocument
 *
 * Returns: (transfer full): the file's name, or “Untitled Document N”
 */
char *
tandem_document_dup_title (TandemDocument *self)
{
  GFile *file;

  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), NULL);

  if ((file = tandem_document_get_file (self)))
    return dup_display_name (file);

  return g_strdup (self->untitled_title);
}

/**
 * tandem_document_get_loading:
 * @self: a #TandemDocument
 *
 * Returns: %TRUE while a load runs
 */
gboolean
tandem_document_get_loading (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);

  return self->loading;
}

/**
 * tandem_document_get_progress:
 * @self: a #TandemDocument
 *
 * Returns: the load progress, from 0 to 1
 */
gdouble
tandem_document_get_progress (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), 0.0);

  return self->progress;
}

/**
 * tandem_document_get_externally_modified:
 * @self: a #TandemDocument
 *
 * Returns: %TRUE when the file changed on disk since it was loaded or saved
 */
gboolean
tandem_document_get_externally_modified (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);

  return self->externally_modified;
}

/**
 * tandem_document_get_deleted:
 * @self: a #TandemDocument
 *
 * Returns: %TRUE when the file was removed from disk
 */
gboolean
tandem_document_get_deleted (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);

  return self->deleted;
}

/**
 * tandem_document_get_is_large:
 * @self: a #TandemDocument
 *
 * Returns: %TRUE for files of %TANDEM_DOCUMENT_LARGE_FILE_SIZE or more, which
 *   are shown without syntax highlighting
 */
gboolean
tandem_document_get_is_large (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), FALSE);

  return self->is_large;
}

/**
 * tandem_document_get_draft_id:
 * @self: a #TandemDocument
 *
 * Returns: the id under which the document's draft is kept
 */
const char *
tandem_document_get_draft_id (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), NULL);

  return self->draft_id;
}

/**
 * tandem_document_get_encoding:
 * @self: a #TandemDocument
 *
 * Returns: (transfer none): the encoding the file was loaded with and will be
 *   saved in (UTF-8 for new documents)
 */
const GtkSourceEncoding *
tandem_document_get_encoding (TandemDocument *self)
{
  const GtkSourceEncoding *encoding;

  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), NULL);

  if (self->encoding != NULL)
    return self->encoding;

  if ((encoding = gtk_source_file_get_encoding (self->source_file)))
    return encoding;

  return gtk_source_encoding_get_utf8 ();
}

/**
 * tandem_document_get_newline_type:
 * @self: a #TandemDocument
 *
 * Returns: the newline type the file was loaded with and will be saved with
 */
GtkSourceNewlineType
tandem_document_get_newline_type (TandemDocument *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (self), GTK_SOURCE_NEWLINE_TYPE_DEFAULT);

  return gtk_source_file_get_newline_type (self->source_file);
}

/* GObject --------------------------------------------------------------- */

static void
tandem_document_changed (GtkTextBuffer *buffer)
{
  TandemDocument *self = (TandemDocument *)buffer;

  g_assert (TANDEM_IS_DOCUMENT (self));

  GTK_TEXT_BUFFER_CLASS (tandem_document_parent_class)->changed (buffer);

  if (!self->loading && !self->restoring && gtk_text_buffer_get_modified (buffer))
    tandem_document_queue_draft (self);
}

static void
tandem_document_modified_changed (GtkTextBuffer *buffer)
{
  TandemDocument *self = (TandemDocument *)buffer;

  g_assert (TANDEM_IS_DOCUMENT (self));

  if (GTK_TEXT_BUFFER_CLASS (tandem_document_parent_class)->modified_changed)
    GTK_TEXT_BUFFER_CLASS (tandem_document_parent_class)->modified_changed (buffer);

  /* Saved, reloaded or undone back to the saved text: the draft is stale. */
  if (!self->loading && !self->restoring && !gtk_text_buffer_get_modified (buffer))
    tandem_document_drop_draft (self);
}

static void
tandem_document_constructed (GObject *object)
{
  TandemDocument *self = (TandemDocument *)object;

  G_OBJECT_CLASS (tandem_document_parent_class)->constructed (object);

  if (tandem_document_get_file (self) == NULL)
    self->untitled_title = g_strdup_printf (_("Untitled Document %u"), ++last_untitled);
}

static void
tandem_document_dispose (GObject *object)
{
  TandemDocument *self = (TandemDocument *)object;

  /* Edits still waiting for the debounce are written now, so that closing the
   * window does not lose the last seconds of typing. */
  if (self->draft_source != 0 && !self->loading &&
      gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self)))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) state = g_variant_ref_sink (tandem_document_dup_draft_state (self));

      if (!tandem_draft_store_write (self->draft_id, state, &error))
        g_warning ("Could not keep a draft: %s", error->message);
    }

  g_clear_handle_id (&self->draft_source, g_source_remove);
  tandem_document_cancel_check (self);
  tandem_document_stop_monitor (self);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (tandem_document_parent_class)->dispose (object);
}

static void
tandem_document_finalize (GObject *object)
{
  TandemDocument *self = (TandemDocument *)object;

  g_clear_object (&self->source_file);
  g_clear_object (&self->project_root);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->disk_etag, g_free);
  g_clear_pointer (&self->untitled_title, g_free);

  G_OBJECT_CLASS (tandem_document_parent_class)->finalize (object);
}

static void
tandem_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TandemDocument *self = TANDEM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;

    case PROP_DRAFT_ID:
      g_value_set_string (value, self->draft_id);
      break;

    case PROP_EXTERNALLY_MODIFIED:
      g_value_set_boolean (value, self->externally_modified);
      break;

    case PROP_FILE:
      g_value_set_object (value, tandem_document_get_file (self));
      break;

    case PROP_IS_LARGE:
      g_value_set_boolean (value, self->is_large);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_PROJECT_ROOT:
      g_value_set_object (value, self->project_root);
      break;

    case PROP_TITLE:
      g_value_take_string (value, tandem_document_dup_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TandemDocument *self = TANDEM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      gtk_source_file_set_location (self->source_file, g_value_get_object (value));
      break;

    case PROP_PROJECT_ROOT:
      g_set_object (&self->project_root, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_document_class_init (TandemDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->constructed = tandem_document_constructed;
  object_class->dispose = tandem_document_dispose;
  object_class->finalize = tandem_document_finalize;
  object_class->get_property = tandem_document_get_property;
  object_class->set_property = tandem_document_set_property;

  buffer_class->changed = tandem_document_changed;
  buffer_class->modified_changed = tandem_document_modified_changed;

  /**
   * TandemDocument:deleted:
   *
   * The file was removed from disk after it was loaded or saved.
   */
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:draft-id:
   *
   * The name of the document's draft in the draft store.
   */
  properties[PROP_DRAFT_ID] =
    g_param_spec_string ("draft-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:externally-modified:
   *
   * The file changed on disk after it was loaded or saved.
   */
  properties[PROP_EXTERNALLY_MODIFIED] =
    g_param_spec_boolean ("externally-modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:file:
   *
   * The file, %NULL for an untitled document. Changes on Save As.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:is-large:
   *
   * The file is %TANDEM_DOCUMENT_LARGE_FILE_SIZE or more: highlighting stays off.
   */
  properties[PROP_IS_LARGE] =
    g_param_spec_boolean ("is-large", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:loading:
   *
   * A load is running.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:progress:
   *
   * The progress of the running load, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:project-root:
   *
   * The root folder of the project the document was opened from.
   */
  properties[PROP_PROJECT_ROOT] =
    g_param_spec_object ("project-root", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * TandemDocument:title:
   *
   * The file's name, or “Untitled Document N”.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemDocument::saved:
   *
   * Emitted after the document was written to its file.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * TandemDocument::draft-saved:
   *
   * Emitted after the unsaved text was written to the document's draft.
   */
  signals[DRAFT_SAVED] =
    g_signal_new ("draft-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tandem_document_init (TandemDocument *self)
{
  self->source_file = gtk_source_file_new ();
  self->cancellable = g_cancellable_new ();
  self->draft_id = g_uuid_string_random ();
  self->draft_delay = TANDEM_DOCUMENT_DEFAULT_DRAFT_DELAY;

  gtk_source_buffer_set_implicit_trailing_newline (GTK_SOURCE_BUFFER (self), TRUE);
}
