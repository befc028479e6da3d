/* tandem-document.h
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

#pragma once

#include <gtksourceview/gtksource.h>

#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_EDITOR_ERROR (tandem_editor_error_quark ())

typedef enum
{
  TANDEM_EDITOR_ERROR_BINARY,         /* the file is not text */
  TANDEM_EDITOR_ERROR_ENCODING,       /* not UTF-8 and no candidate encoding fits */
  TANDEM_EDITOR_ERROR_TOO_LARGE,      /* over the hard size limit */
  TANDEM_EDITOR_ERROR_NOT_REGULAR,    /* a folder, device, socket... */
  TANDEM_EDITOR_ERROR_FAILED,
  TANDEM_EDITOR_ERROR_CORRUPT_DRAFT,  /* a draft file that cannot be read back */
} TandemEditorError;

/* Files at or over this size load with syntax highlighting and word completion off. */
#define TANDEM_DOCUMENT_LARGE_FILE_SIZE (1024 * 1024)

/* Files over this size are refused with TANDEM_EDITOR_ERROR_TOO_LARGE. */
#define TANDEM_DOCUMENT_MAX_FILE_SIZE (200 * 1024 * 1024)

/* Default delay between the last edit and the draft being written. */
#define TANDEM_DOCUMENT_DEFAULT_DRAFT_DELAY 2000

#define TANDEM_TYPE_DOCUMENT (tandem_document_get_type ())

G_DECLARE_FINAL_TYPE (TandemDocument, tandem_document, TANDEM, DOCUMENT, GtkSourceBuffer)

GQuark          tandem_editor_error_quark             (void);
TandemDocument *tandem_document_new                   (GFile               *file,
                                                       GFile               *project_root);
GFile          *tandem_document_get_file              (TandemDocument      *self);
GFile          *tandem_document_get_project_root      (TandemDocument      *self);
char           *tandem_document_dup_title             (TandemDocument      *self);
gboolean        tandem_document_get_loading           (TandemDocument      *self);
gdouble         tandem_document_get_progress          (TandemDocument      *self);
gboolean        tandem_document_get_externally_modified (TandemDocument    *self);
gboolean        tandem_document_get_deleted           (TandemDocument      *self);
gboolean        tandem_document_get_is_large          (TandemDocument      *self);
const char     *tandem_document_get_draft_id          (TandemDocument      *self);
const GtkSourceEncoding *
                tandem_document_get_encoding          (TandemDocument      *self);
GtkSourceNewlineType
                tandem_document_get_newline_type     (TandemDocument      *self);
void            tandem_document_load_async            (TandemDocument      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        tandem_document_load_finish           (TandemDocument      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void            tandem_document_save_async            (TandemDocument      *self,
                                                       GFile               *save_as,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        tandem_document_save_finish           (TandemDocument      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void            tandem_document_keep_mine             (TandemDocument      *self);
gboolean        tandem_document_restore_draft         (TandemDocument      *self,
                                                       const char          *draft_id,
                                                       GError             **error);
void            tandem_document_discard_draft         (TandemDocument      *self);
void            tandem_document_set_draft_delay       (TandemDocument      *self,
                                                       guint                delay_ms);
guint           tandem_document_get_draft_delay       (TandemDocument      *self);

G_END_DECLS
