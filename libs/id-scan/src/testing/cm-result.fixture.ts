import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';

/**
 * A result shaped like CM.com's documented example (docs/id-scan-api.md §A5): the JSON text as the API sends it,
 * with escaped slashes in the URLs, localised duplicates of `given_names` and `nationality`, and a document number
 * read from both the MRZ and the printed text (the visual reading listed first, and misread, on purpose).
 */
export const CM_RESULT_JSON = String.raw`{
  "id": "2c2f04a5-44e4-4a83-aa53-1a9fa90c2394",
  "state": "completed",
  "tasks": [
    {
      "type": "document_scan",
      "state": "completed",
      "score": 0.86,
      "result": [
        {"field": "document_number", "validity": "invalid", "comparison": "match", "locale": null,
         "values": [{"source": "visual", "value": "SPECI2O14"}, {"source": "mrz", "value": "SPECI2014"}]},
        {"field": "given_names", "validity": "not_checked", "comparison": "match", "locale": null,
         "values": [{"source": "mrz", "value": "WILLEKE LISELOTTE"}, {"source": "visual", "value": "WILLEKE LISELOTTE"}]},
        {"field": "given_names", "validity": "not_checked", "comparison": "not_performed", "locale": "nl-NL",
         "values": [{"source": "visual", "value": "Willeke Liselotte"}]},
        {"field": "surname", "validity": "not_checked", "comparison": "not_performed", "locale": null,
         "values": [{"source": "visual", "value": "DE BRUIJN"}]},
        {"field": "date_of_birth", "validity": "valid", "comparison": "match", "locale": null,
         "values": [{"source": "mrz", "value": "1965-03-10"}]},
        {"field": "date_of_expiry", "validity": "invalid", "comparison": "match", "locale": null,
         "values": [{"source": "mrz", "value": "2024-03-09"}, {"source": "visual", "value": "2024-03-09"}]},
        {"field": "nationality", "validity": "valid", "comparison": "not_performed", "locale": "nl-NL",
         "values": [{"source": "visual", "value": "Nederlandse"}]},
        {"field": "nationality", "validity": "valid", "comparison": "match", "locale": null,
         "values": [{"source": "mrz", "value": "Netherlands"}]}
      ],
      "files": [
        {"category": "document", "type": "DRIVING_LICENSE", "name": "Netherlands - Driving License (2022)", "score": 0.9,
         "url": "https:\/\/api.cm.com\/id-scan\/v1\/downloads\/Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz"},
        {"category": "document", "type": "DRIVING_LICENSE", "name": "Netherlands - Driving License (2022) Side B", "score": 0.9,
         "url": "https:\/\/api.cm.com\/id-scan\/v1\/downloads\/Zy98Xw76Vu54Ts32Rq10Po98Nm76Lk54Ji32Hg10Fe98Dc76Ba"},
        {"category": "image", "type": "portrait",
         "url": "https:\/\/api.cm.com\/id-scan\/v1\/downloads\/Qq11Ww22Ee33Rr44Tt55Yy66Uu77Ii88Oo99Pp00Aa11Ss22Dd"}
      ]
    },
    {"type": "face_liveness", "state": "completed", "attempts": 1, "score": 0.97, "result": [],
     "files": [{"category": "image", "type": "selfie", "url": "https:\/\/api.cm.com\/id-scan\/v1\/downloads\/Ff33Gg44Hh55Jj66Kk77Ll88Zz99Xx00Cc11Vv22Bb33Nn44Mm"}]},
    {"type": "face_match", "state": "completed", "score": 0.91, "result": []}
  ]
}`;

/** {@link CM_RESULT_JSON}, parsed. */
export const cmResult = (): IdScanTransactionResult => JSON.parse(CM_RESULT_JSON) as IdScanTransactionResult;

/**
 * The result of a person who gave up after the document scan (docs/id-scan-api.md §A5, §A13, §B4): the transaction
 * is `completed`, the document scan ran, and the two face tasks were never done, so they are still `pending` with
 * no score and no attempt.
 */
export const cmGivenUpResult = (): IdScanTransactionResult => {
  const result = cmResult();
  result.tasks = [
    result.tasks[0],
    { type: 'face_liveness', state: 'pending', attempts: 0, result: [], files: [] },
    { type: 'face_match', state: 'pending', result: [] },
  ];
  return result;
};
